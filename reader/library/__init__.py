"""The data layer: articles, topics, contacts and settings. Never imports Textual."""

from reader.library.loader import Library, load_library
from reader.library.models import Article, Contact, Problem, Source, Topic

__all__ = ["Article", "Contact", "Library", "Problem", "Source", "Topic", "load_library"]
