"""The structure of each kind of perangkat daerah as a tree of units and their positions (:func:`template`), and the
order in which a growing OPD fills it (:func:`ordered`): dinas bidang → seksi, badan bidang → subbidang, sekretariat
daerah asisten → bagian → subbagian, kecamatan seksi and kelurahan (Permendagri/PP 18/2016 naming)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from pegawai.choices import Jenjang

from .jabatan import ADM, AP, FUNGSIONAL_SEKRETARIAT, JPT, PGW, STAF_PELAKSANA, TRP
from .opd import Opd

SUBBAG_DINAS = ("Umum dan Kepegawaian", "Keuangan dan Aset", "Perencanaan, Evaluasi dan Pelaporan")
SETDA_BAGIAN = (
    (
        ("Tata Pemerintahan", ("Pemerintahan Umum", "Otonomi Daerah", "Kerja Sama")),
        ("Hukum", ("Peraturan Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum")),
        (
            "Kesejahteraan Rakyat dan Kemasyarakatan",
            ("Bina Mental Spiritual", "Kesejahteraan Sosial", "Kemasyarakatan"),
        ),
    ),
    (
        ("Perekonomian", ("Badan Usaha Milik Daerah", "Sumber Daya Alam", "Perekonomian Daerah")),
        ("Administrasi Pembangunan", ("Penyusunan Program", "Pengendalian Program", "Evaluasi dan Pelaporan")),
        (
            "Pengadaan Barang/Jasa",
            ("Pengelolaan Pengadaan", "Layanan Pengadaan Secara Elektronik", "Pembinaan dan Advokasi Pengadaan"),
        ),
    ),
    (
        ("Umum", ("Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan")),
        (
            "Organisasi",
            (
                "Kelembagaan dan Analisis Jabatan",
                "Pelayanan Publik dan Tata Laksana",
                "Kinerja dan Reformasi Birokrasi",
            ),
        ),
        ("Protokol dan Komunikasi Pimpinan", ("Protokol", "Komunikasi Pimpinan", "Dokumentasi Pimpinan")),
    ),
)
KECAMATAN_SEKSI = (
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Ekonomi dan Pembangunan",
    "Kesejahteraan Sosial",
    "Pemberdayaan Masyarakat",
)


@dataclass
class Node:
    """One structural unit of an OPD template and its positions: the first heads the unit, the others report
    to it (a lurah and the sekretaris kelurahan). Staff report to the last one."""

    unit: str
    positions: list[tuple[str, str, str, int]]  # (nama, jenis, jenjang, kelas)
    staf: tuple[tuple[str, str | None, float], ...] = ()
    bobot: float = 0.0  # expected staff at full size
    children: list[Node] = field(default_factory=list)
    force: bool = False
    min_staf: int = 0
    tag: str = ""
    #: A unit kerja mandiri (docs/ATURAN.md): the kecamatan, whose camat uses the SKP JPT form.
    mandiri: bool = False


def _pos(nama: str, jenis: str, kelas: int) -> tuple[str, str, str, int]:
    jenjang = {JPT: Jenjang.JPT_PRATAMA, ADM: Jenjang.ADMINISTRATOR, PGW: Jenjang.PENGAWAS}[jenis]
    return (nama, jenis, jenjang, kelas)


def _fungsional_staf(rng: random.Random, opd: Opd, k: int) -> tuple[tuple[str, str | None, float], ...]:
    if not opd.fungsional:
        return ()
    names = rng.sample(opd.fungsional, min(k, len(opd.fungsional)))
    return tuple((nama, jenjang, 3.0 if jenjang in (AP, TRP) else 2.0) for nama, levels in names for jenjang in levels)


def _sekretariat(rng: random.Random, judul: str, kelas: int, subbag: tuple[str, ...], kelas_sub: int = 9) -> Node:
    return Node(
        "Sekretariat",
        [_pos(judul, ADM, kelas)],
        staf=tuple((n, j, 1.0) for n, levels in rng.sample(FUNGSIONAL_SEKRETARIAT, 3) for j in levels),
        bobot=3,
        tag="sekretaris",
        children=[
            Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, kelas_sub)], STAF_PELAKSANA, 5) for s in subbag
        ],
    )


def template(opd: Opd, rng: random.Random) -> Node:
    """The full structure of one OPD; the city plan (``demo.kota.rencana``) keeps as much of it as its size
    allows."""
    if opd.jenis == "setda":
        root = Node(opd.nama, [_pos("Sekretaris Daerah", JPT, 15)])
        for (asisten, _), bagian in zip(opd.bidang, SETDA_BAGIAN, strict=True):
            node = Node(asisten, [_pos(asisten, JPT, 14)])
            for nama, subbag in bagian:
                node.children.append(
                    Node(
                        f"Bagian {nama}",
                        [_pos(f"Kepala Bagian {nama}", ADM, 11)],
                        _fungsional_staf(rng, opd, 2),
                        3,
                        [
                            Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 9)], STAF_PELAKSANA, 5)
                            for s in subbag
                        ],
                    )
                )
            root.children.append(node)
        return root
    if opd.jenis == "setwan":
        root = Node(opd.nama, [_pos("Sekretaris DPRD", JPT, 14)])
        for nama, subbag in opd.bidang:
            root.children.append(
                Node(
                    f"Bagian {nama}",
                    [_pos(f"Kepala Bagian {nama}", ADM, 11)],
                    _fungsional_staf(rng, opd, 2),
                    3,
                    [
                        Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 9)], STAF_PELAKSANA, 5)
                        for s in subbag
                    ],
                )
            )
        return root
    if opd.jenis == "inspektorat":
        root = Node(opd.nama, [_pos("Inspektur", JPT, 14)])
        root.children.append(
            _sekretariat(rng, "Sekretaris Inspektorat", 12, ("Umum dan Kepegawaian", "Perencanaan dan Keuangan"))
        )
        auditor = tuple((n, j, 3.0 if j == AP else 2.0) for n, levels in opd.fungsional for j in levels)
        for wilayah, _ in opd.bidang:
            root.children.append(
                Node(f"Inspektorat Pembantu {wilayah}", [_pos(f"Inspektur Pembantu {wilayah}", ADM, 11)], auditor, 12)
            )
        return root
    if opd.jenis == "kecamatan":
        wilayah = opd.nama.removeprefix("Kecamatan ")
        root = Node(opd.nama, [_pos(f"Camat {wilayah}", ADM, 12)], mandiri=True)
        sekretariat = Node(
            "Sekretariat Kecamatan",
            [_pos("Sekretaris Kecamatan", ADM, 11)],
            children=[
                Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 8)], STAF_PELAKSANA, 4)
                for s in ("Umum dan Kepegawaian", "Program dan Keuangan")
            ],
        )
        seksi = [Node(f"Seksi {s}", [_pos(f"Kepala Seksi {s}", PGW, 9)], STAF_PELAKSANA, 3) for s in KECAMATAN_SEKSI]
        kelurahan = [
            Node(
                f"Kelurahan {k}",
                [_pos(f"Lurah {k}", PGW, 9), _pos(f"Sekretaris Kelurahan {k}", PGW, 8)],
                STAF_PELAKSANA,
                6,
            )
            for k, _ in opd.bidang
        ]
        # Interleaved so that a small kecamatan still gets some kelurahan (see ordered: the wave is the sibling
        # index), not only seksi.
        root.children.append(sekretariat)
        for i in range(max(len(seksi), len(kelurahan))):
            root.children.extend(nodes[i] for nodes in (kelurahan, seksi) if i < len(nodes))
        return root

    kepala, bidang_label, seksi_label = {
        "dinas": (f"Kepala {opd.nama}", "Bidang", "Seksi"),
        "badan": (f"Kepala {opd.nama}", "Bidang", "Subbidang"),
        "satpol": ("Kepala Satuan Polisi Pamong Praja", "Bidang", "Seksi"),
    }[opd.jenis]
    sekretaris = "Sekretaris Badan" if opd.jenis == "badan" else "Sekretaris"
    root = Node(opd.nama, [_pos(kepala, JPT, 14)])
    root.children.append(_sekretariat(rng, sekretaris, 12, SUBBAG_DINAS[:2] if opd.bobot < 1 else SUBBAG_DINAS))
    for i, (nama, seksi) in enumerate(opd.bidang):
        persona = opd.persona and i == 0
        root.children.append(
            Node(
                f"{bidang_label} {nama}",
                [_pos(f"Kepala {bidang_label} {nama}", ADM, 11)],
                _fungsional_staf(rng, opd, 2),
                6,
                [
                    Node(
                        f"{seksi_label} {s}",
                        [_pos(f"Kepala {seksi_label} {s}", PGW, 9)],
                        STAF_PELAKSANA,
                        6,
                        force=persona,
                        min_staf=3 if persona else 0,
                        tag=f"persona-seksi-{j}" if persona else "",
                    )
                    for j, s in enumerate(seksi)
                ],
                force=persona,
                tag="persona-bidang" if persona else "",
            )
        )
    return root


def ordered(root: Node) -> list[tuple[Node, Node | None]]:
    """Nodes with their parent, in the order a growing OPD fills them: by "wave" (the largest sibling index on
    the path from the root), then depth-first. Every first child comes in wave 0, every second child in wave 1…
    so a small OPD gets one of everything before a large one gets its third seksi. Parents always come first."""
    found: list[tuple[int, int, Node, Node | None]] = []

    def walk(node: Node, parent: Node | None, wave: int) -> None:
        found.append((wave, len(found), node, parent))
        for i, child in enumerate(node.children):
            walk(child, node, max(wave, i))

    walk(root, None, 0)
    found.sort(key=lambda item: (item[0], item[1]))
    return [(node, parent) for _, _, node, parent in found]


def apportion(total: int, weights: list[float], minimums: list[int] | None = None) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each at least its minimum."""
    minimums = minimums or [0] * len(weights)
    rest = total - sum(minimums)
    if rest < 0:
        raise ValueError("minimums exceed the total")
    weight_sum = sum(weights)
    if not weights or weight_sum <= 0:
        return list(minimums)
    quotas = [rest * w / weight_sum for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + m for c, m in zip(counts, minimums, strict=True)]
