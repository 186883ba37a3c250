"""The message patterns staff keep: the live set the decoder reads, what a pattern would do
before it goes live, import and export, and the messages none of them recognised."""
