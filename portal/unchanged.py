"""The "argument not given" marker of ``*_ubah`` services: ``None`` is a value a field may take, so a service
that changes only the fields it was given needs a marker distinct from every value."""


class _Unchanged:
    def __repr__(self):
        return "UNCHANGED"


UNCHANGED = _Unchanged()
