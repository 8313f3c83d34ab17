"""The Neo4j backend: the same graph model in a Neo4j database, written with batched
idempotent MERGEs (``writer``), read back and asked from the canned Cypher files
(``reader``), behind graphbuild's ``Backend`` (``backend``). Only ``settings`` is plain data;
the other modules load the Neo4j driver, so they are imported only when Neo4j is used."""
