"""Machine drafts for review: engines (deep-translator providers, memory, pseudo), cache, batching.

``transflow.mt.draft.translate`` is the library side of ``transflow translate``;
``transflow.mt.tm`` of ``transflow tm export`` and ``transflow tm import``.
"""
