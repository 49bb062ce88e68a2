"""Plain dataclasses and rules of the casework domain. No storage, no Qt."""
