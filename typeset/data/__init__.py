"""Data files read at run time (see README.md here: strokes.txt is a separate LGPL-3 work)."""
