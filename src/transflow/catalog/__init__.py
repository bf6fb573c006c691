"""Gettext catalogs: the PO model, its reader and writer, extraction and merging."""
