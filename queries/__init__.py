"""The SPARQL cookbook: one ``.rq`` file per research question.

Each file starts with a comment header: ``# title``, then what it answers and
its parameters.  ``govkg queries`` lists them; ``govkg query --name NAME`` runs one.
"""
