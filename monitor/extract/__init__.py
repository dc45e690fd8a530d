"""HTML → Article: main text and metadata of a fetched page (trafilatura). Never fetches."""
