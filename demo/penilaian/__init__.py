"""Evaluated periods of the demo year (``seed``): the periods and their statuses (``periode``), the capaian, the
evaluations, dialogs and tagged problems planned over the organisation in memory (``rencana``), team ratings that
follow the distribution curve (``kurva``), with the texts of ``teks``."""
