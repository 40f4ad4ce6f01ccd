"""SPARQL: queries over rdflib graphs and Oxigraph stores, the on-disk store, and the HTTP endpoint.

Nothing is imported here, so that ``kg query --store`` loads neither rdflib nor networkx.
"""
