"""govkg: a knowledge-graph builder for Chinese government documents.

The package is laid out one module per pipeline stage; see ``graph.model`` for
the data classes that flow between them.
"""

__version__ = "0.1.0"
