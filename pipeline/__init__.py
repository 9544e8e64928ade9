"""Chinese scholarly chapters to research data: clean text, entities, dates, CAMEO events.

    import pipeline
    summary = pipeline.run(["corpus"], "outputs")   # the whole batch
"""
__version__ = "0.1.0"

from .runner import Config, run  # noqa: E402

__all__ = ["Config", "run", "__version__"]
