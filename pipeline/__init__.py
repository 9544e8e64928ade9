"""Chinese scholarly chapters to research data: clean text, entities, dates, CAMEO events.

import pipeline
summary = pipeline.run(["corpus"], "outputs")   # the whole batch
nlp = pipeline.load()                            # the spaCy Language: nlp(text).ents
"""

__version__ = "0.1.0"

__all__ = ["Config", "load", "run", "__version__"]


def __getattr__(name: str):
    """Import the heavy stages only when asked for, so `pipeline stats` starts fast."""
    if name in ("Config", "run"):
        from . import runner

        return getattr(runner, name)
    if name == "load":
        from .nlp import load

        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
