"""Files: safe parsing, the codec (one shape per object), documents and their JSON Schemas."""
