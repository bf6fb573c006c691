"""transflow: publish news articles in several languages through gettext catalogs."""

__version__ = "0.1.0"
