"""Loading a content folder: topics, articles and contacts, with problems reported."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.document.sanitize import clean_line
from reader.i18n import _
from reader.library.contacts import Contacts
from reader.library.contacts_file import load_contacts
from reader.library.frontcache import FrontMatterCache, file_key
from reader.library.frontmatter import split_front_matter
from reader.library.library import Library
from reader.library.models import WARNING, Article, Problem, Topic
from reader.library.translations import (
    contact_texts,
    language_folders,
    main_language,
    translated_contacts,
)
from reader.library.validate import Reporter, build_article, kind_of, write_text
from reader.library.yamlfile import MAX_FILE, load_yaml, read_text

TOPICS_FILE = "topics.yaml"

CONTACTS_FILE = "contacts.yaml"
SKIPPED_NAMES = ("readme.md",)  # notes for operators, not articles


def load_library(root: Path, cache_dir: Path | None = None, lang: str | None = None) -> Library:
    """Load the content folder ``root``, in ``lang`` where it has a translation.

    With ``cache_dir``, what each unchanged file gave last time is taken from a
    cache there, with its warnings, instead of being parsed again (see
    :mod:`reader.library.frontcache`). Language folders: :mod:`reader.library.translations`.
    """
    library = Library(root=root)
    if not root.is_dir():
        library.problems.append(
            Problem(
                "error",
                str(root),
                _("is not a folder"),
                _("point --articles (or READER_ARTICLES) at a folder of .md files"),
            )
        )
        return library
    with _collector_paused():
        _load_into(library, FrontMatterCache(cache_dir, root), lang)
    return library


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off: what a load builds lives as long as the library,
    so collecting between thousands of new objects finds nothing and costs a tenth of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_into(library: Library, cache: FrontMatterCache, lang: str | None) -> None:
    root = library.root
    languages = language_folders(root)
    library.topics = _load_topics(library, cache, root / TOPICS_FILE)
    topic_ids = [t.id for t in library.topics]
    cache.use_topic_ids(topic_ids)
    library.contacts = _load_contacts(library, topic_ids, cache)
    try:
        real_root = root.resolve()
    except (OSError, RuntimeError):
        real_root = None
    folders: dict[str, bool] = {}
    for name, path in _article_paths(root, skip=frozenset(languages)):
        _load_article(library, library.articles, name, path, topic_ids, cache, real_root, folders)
    library.originals = library.articles
    library.main_lang = main = main_language(library.articles)
    library.languages = (main, *(code for code in languages if code != main))
    library.lang = lang if lang in library.languages else main
    if library.lang != main:
        _translate(library, languages[library.lang], cache, real_root, folders)
    cache.carry([code for code in languages if code != library.lang])
    cache.save()


def _translate(
    library: Library,
    folder: Path,
    cache: FrontMatterCache,
    real_root: Path | None,
    folders: dict[str, bool],
) -> None:
    """Show the language of ``folder``: its topic titles, contact words and articles."""
    lang, topic_ids = folder.name, [t.id for t in library.topics]
    topics = _load_topics(library, cache, folder / TOPICS_FILE)
    for topic in topics:
        if topic.id not in topic_ids:
            library.problems.append(
                Problem(
                    WARNING,
                    library.relative(folder / TOPICS_FILE),
                    _("topic '{id}' is not in the main topics.yaml").format(id=topic.id),
                    _("use the ids of the main topics.yaml; only titles are translated"),
                    "id",
                )
            )
    titled = {t.id: t for t in topics}
    library.topics = [titled.get(t.id, t) for t in library.topics]
    library.contacts = _translated_contacts(library, folder / CONTACTS_FILE, cache)
    translated: dict[str, Article] = {}
    for name, path in _article_paths(folder):
        where = f"{lang}/{name}"
        _load_article(library, translated, where, path, topic_ids, cache, real_root, folders)
    library.articles = {**library.originals, **translated}


def _translated_contacts(library: Library, path: Path, cache: FrontMatterCache) -> Contacts:
    if not path.exists():
        return library.contacts
    where = library.relative(path)
    name = "/".join(path.parts[len(library.root.parts) :])
    key = file_key(path)
    cached = cache.texts(name, key, where)
    if cached is None:
        known = {c.id for c in library.contacts.contacts}
        regions, texts, problems = contact_texts(path, where, known)
        cache.keep_texts(name, key, regions, texts, problems)
    else:
        regions, texts, problems = cached
    library.problems.extend(problems)
    return translated_contacts(library.contacts, regions, texts)


def _article_paths(root: Path, skip: frozenset[str] = frozenset()) -> list[tuple[str, Path]]:
    """Every article file under ``root`` (its path inside, with ``/``, and its path),
    in the order of their paths' parts; the top-level folders named in ``skip`` are not walked.

    Walked as strings, not ``Path`` objects (for thousands of files, sorting and
    comparing those costs more than loading them); links to folders are not followed,
    as ``rglob`` does not follow them (a loop would never end).
    """
    found: list[tuple[str, ...]] = []
    top = str(root)
    for folder, dirs, files in os.walk(top):
        rel = os.path.relpath(folder, top)
        dirs[:] = [
            d for d in dirs if not d.startswith((".", "_")) and not (rel == "." and d in skip)
        ]
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in files:
            if (
                name.endswith(".md")
                and not name.startswith((".", "_"))
                and name.lower() not in SKIPPED_NAMES
            ):
                found.append((*parts, name))
    found.sort()
    prefix = os.path.join(top, "")
    return [(name, Path(prefix + name)) for name in ("/".join(parts) for parts in found)]


def _load_topics(library: Library, cache: FrontMatterCache, path: Path) -> list[Topic]:
    where = library.relative(path)
    key = file_key(path)
    cached = cache.topics(key, where, "/".join(path.parts[len(library.root.parts) :]))
    if cached is None:
        cached = _read_topics(path, where)
        cache.keep_topics(key, *cached, name="/".join(path.parts[len(library.root.parts) :]))
    topics, problems = cached
    library.problems.extend(problems)
    return topics


def _read_topics(path: Path, where: str) -> tuple[list[Topic], list[Problem]]:
    report = Reporter(where)
    topics: list[Topic] = []
    text = read_text(path, report) if path.exists() else None
    if not path.exists():
        report.error(
            _("is missing"),
            _(
                "add topics.yaml: a list of '- id: ...' with title and description, "
                "in display order"
            ),
        )
    if text is not None:
        ok, data = load_yaml(text, report)
        if ok and not isinstance(data, list):
            report.error(
                _("is not a list of topics"),
                _("write '- id: sleep' entries with 'title:' and 'description:'"),
                line=1,
            )
        for number, entry in enumerate(data if ok and isinstance(data, list) else [], 1):
            topic = _topic(entry, number, report, {t.id for t in topics})
            if topic is not None:
                topics.append(topic)
    return topics, report.problems


def _load_contacts(library: Library, topic_ids: list[str], cache: FrontMatterCache) -> Contacts:
    path = library.root / CONTACTS_FILE
    where = library.relative(path)
    key = file_key(path)
    cached = cache.contacts(key, where)
    if cached is None:
        report = Reporter(where)
        cached = load_contacts(path, topic_ids, report), report.problems
        cache.keep_contacts(key, *cached)
    contacts, problems = cached
    library.problems.extend(problems)
    return contacts


def _topic(entry: object, number: int, report: Reporter, seen: set[str]) -> Topic | None:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
        report.error(
            _("topic {number} needs an id and a title").format(number=number),
            _("write '- id: sleep' and 'title: Sleep' lines"),
            "id",
        )
        return None
    # Each value's type is checked before it is turned into text: a list or a
    # mapping is refused, never printed.
    texts = {}
    for key in ("id", "title", "description"):
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            report.error(
                # Translators: {key} is a field name, {kind} "a list", "a number"...
                _("topic {number}: {key} must be text, not {kind}").format(
                    number=number, key=key, kind=kind_of(value)
                ),
                write_text(key),
                key,
            )
            return None
        texts[key] = clean_line(str(value)).strip() if value is not None else ""
    topic_id = texts["id"]
    if topic_id in seen:
        report.error(
            _("topic id '{id}' is used twice").format(id=topic_id),
            _("give each topic its own id"),
            "id",
        )
        return None
    return Topic(topic_id, texts["title"], texts["description"])


def _load_article(
    library: Library,
    into: dict[str, Article],
    name: str,
    path: Path,
    topic_ids: list[str],
    cache: FrontMatterCache,
    real_root: Path | None,
    folders: dict[str, bool],
) -> None:
    slug = path.stem
    report = Reporter(library.relative(path))
    try:
        info: os.stat_result | None = os.lstat(path)
    except OSError:
        info = None  # gone, or unreadable: resolved whole, as any link is
    link = info is None or stat.S_ISLNK(info.st_mode)
    try:
        inside = real_root is not None and _inside(path, link, real_root, folders)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        report.error(
            _("is a link that leads outside the content folder"),
            _("copy the article into the folder instead of linking to it"),
        )
    elif slug in into:
        other = library.relative(into[slug].path)
        report.error(
            _("slug '{slug}' is already used by {other}").format(slug=slug, other=other),
            _("rename one of the files: the file name is the slug and must be unique"),
        )
    else:
        # Keyed before it is read: a change while it is read only misses next time.
        key = file_key(path, None if link else info)
        cached = cache.article(name, key, report.path, slug, path, library.root)
        if cached is None:
            article = _read_article(path, slug, topic_ids, report, library.root)
            cache.keep_article(name, key, article, report.problems)
        else:
            article, report.problems = cached
        if article is not None:
            into[slug] = article
    library.problems.extend(report.problems)


def _inside(path: Path, link: bool, real_root: Path, folders: dict[str, bool]) -> bool:
    """Whether ``path`` (a ``link``, or not) resolves inside ``real_root``.

    A file that is not a link is where its folder resolves to, so each folder
    is resolved once (``folders``), not once for every file in it.
    """
    if link:
        return path.resolve().is_relative_to(real_root)
    folder = os.path.dirname(path)
    inside = folders.get(folder)
    if inside is None:
        inside = folders[folder] = Path(folder).resolve().is_relative_to(real_root)
    return inside


def _read_article(
    path: Path, slug: str, topic_ids: list[str], report: Reporter, root: Path
) -> Article | None:
    # Read only if it still resolves inside the folder now, and only if it is
    # under MAX_FILE bytes (checked before reading).
    text = read_text(path, report, limit=MAX_FILE, root=root)
    if text is None:
        return None

    split = split_front_matter(text)
    if split.front_matter is None:
        report.error(
            _("has no front matter"),
            _(
                "start the file with a '---' line, the fields "
                "(title, topic, summary, last_reviewed, next_review), and another '---'"
            ),
            line=1,
        )
        return None
    report = _with_front_matter(report, split.front_matter)
    ok, meta = load_yaml(split.front_matter, report, first_line=2)
    if not ok:
        return None
    # The body is dropped here and read again when first shown (or when the search
    # index is built from scratch, which reads them all; then they stay).
    return build_article(slug, path, meta, topic_ids, report, split.body_line, root=root)


def _with_front_matter(report: Reporter, front_matter: str) -> Reporter:
    located = Reporter(report.path, front_matter)
    located.problems = report.problems
    return located
