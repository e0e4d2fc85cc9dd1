"""Chinese text: units, words, the paragraph composer.  The composer's two modules are imported
compiled (mypyc) when a build of exactly their source exists: see typeset/compiled.py."""
from ..compiled import activate

activate(__path__)
