"""typeset — lays out an issue of 《研究与交流》 from a YAML manifest and Markdown articles
into a print PDF and an editable DOCX.

Public API:  build(issue_dir, out_dir, formats=("pdf", "docx")) → BuildResult; it raises SourceError (one
fault), SourceErrors (several, found in one run) or OutputError (the output folder cannot be used).
"""
from __future__ import annotations

from .api import BuildResult, build
from .errors import OutputError, SourceError, SourceErrors

__all__ = ["build", "BuildResult", "SourceError", "SourceErrors", "OutputError"]
__version__ = "0.1.0"
