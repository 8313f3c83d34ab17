"""graphbuild: news articles in, a knowledge graph of alliances and disputes out."""

__version__ = "0.1.0"
