"""The reference-data admin: every model, with history that can be viewed and reverted."""

from frameworks.admin import catalogue, figures

__all__ = ["catalogue", "figures"]
