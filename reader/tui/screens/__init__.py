"""Screens and dialogs over the main screen."""
