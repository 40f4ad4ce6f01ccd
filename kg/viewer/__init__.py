"""The offline HTML viewer: node selection, layout, data, scripts, page safety and the page itself."""
