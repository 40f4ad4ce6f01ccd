"""The build: read the papers, extract, resolve, assemble the graph, validate and write every output."""
