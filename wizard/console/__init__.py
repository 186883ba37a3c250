"""Support staff on a provider's page: its own step wording, the preview of the plans a
consumer would get, and which facts to check again first."""
