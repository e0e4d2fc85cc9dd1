"""Images for print: open them safely, refuse bad files with the line that uses them, convert to the press's CMYK.

`validate()` is what the reader calls at load time (so a bad image stops the build before anything is
written); `prepare()` is what the PDF writer calls: it returns a `PrintImage` in CMYK for the bundled
FOGRA39 profile (or in gray for the black plate), converted once per file version.  `office_image()`
gives the DOCX writer bytes Word can show.
"""
from __future__ import annotations

import io
import os
import re
import warnings
import zlib
from dataclasses import dataclass
from collections.abc import Iterable
from functools import lru_cache, partial
from typing import Any
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .errors import SourceError
from .i18n import t
from .read.sources import folder_or_file, stamp

# A 大16开 page with 3 mm bleed at 600 dpi is 35 megapixels; 80 MP leaves room for a camera original,
# and is below Pillow's own bomb warning (89 MP), so our limit is the one users meet.  Decoded as CMYK
# an 80 MP image takes 320 MB: about the most one picture may cost on the 2-core, 24 GB build machine.
MAX_PIXELS = 80_000_000
MAX_BYTES = 200 * 2**20  # an image file larger than this is not a picture for a journal page
# Formats a print shop exchanges; anything else (GIF, WebP, BMP …) is refused with a fix rather than guessed at.
FORMATS = ("PNG", "JPEG", "TIFF")
DPI_WARN = 300  # below this a halftone at 150–175 lpi shows pixels
DPI_FAIL = 150  # below this the picture prints visibly blurred or jagged: an error, not a warning

PROFILE_PATH = Path(__file__).parent / "data" / "icc" / "coated_fogra39l_300.icc"
OUTPUT_CONDITION_IDENTIFIER = "FOGRA39"
REGISTRY_NAME = "http://www.color.org"
OUTPUT_CONDITION = "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated), 60/cm (FOGRA39)"

_INTENT_PERCEPTUAL, _INTENT_RELATIVE = 0, 1  # ICC rendering intent numbers (stable across Pillow versions)


class LowResolutionWarning(UserWarning):
    """An image placed at less than DPI_WARN dpi (but at least DPI_FAIL)."""


def _bpc_flag() -> int | None:
    flags = getattr(ImageCms, "Flags", None)  # the enum in current Pillow; older ones have the FLAGS dict
    if flags is not None and hasattr(flags, "BLACKPOINTCOMPENSATION"):
        return int(flags.BLACKPOINTCOMPENSATION)
    return getattr(ImageCms, "FLAGS", {}).get("BLACKPOINTCOMPENSATION")


# Relative colorimetric keeps in-gamut colours exact (flat brand colours, the cover's blue), and black point
# compensation scales the source's black to the press's (rich black, L* ≈ 11 relative to the paper) so shadow detail survives.
# Without BPC relative colorimetric would clip every tone darker than the press's black into one solid, so
# then the profile's perceptual table (gamut-mapped from sRGB when it was made) is the better choice.
BPC = _bpc_flag()
INTENT = _INTENT_RELATIVE if BPC is not None else _INTENT_PERCEPTUAL


@dataclass(eq=False)
class Pixels:
    """A converted image as the PDF stores it: its samples row by row, Flate-compressed (what
    ReportLab makes of `zlib.compress(image.tobytes())`).  Kept compressed, not as an image: the
    cover alone is 14 MB of CMYK, and it is converted at the height of the layout's memory."""
    mode: str                 # "CMYK" for PROFILE_PATH, or "L" = black plate only (DeviceGray, 255 = no ink)
    size: tuple[int, int]     # (width, height) in pixels
    flate: bytes
    _image: Image.Image | None = None

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            self._image = Image.frombytes(self.mode, self.size, zlib.decompress(self.flate))
        return self._image


@dataclass(frozen=True, eq=False)
class PrintImage:
    """An image ready for the press.  `pixels` is shared with the cache: do not modify it."""
    path: Path            # the image file
    pixels: Pixels
    source: Path | None   # the Markdown or manifest file that places it (for messages)
    line: int | None

    @property
    def image(self) -> Image.Image:
        """The converted image (made from `pixels` when first asked for; the PDF writer embeds `pixels`)."""
        return self.pixels.image

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return self.pixels.size

    @property
    def mode(self) -> str:
        return self.pixels.mode

    def effective_dpi(self, placed_w_pt: float, placed_h_pt: float) -> float:
        """Pixels per inch at the placed size (points); the lower axis, which is what the print shows."""
        if placed_w_pt <= 0 or placed_h_pt <= 0:
            raise ValueError(f"placed size must be positive, got {placed_w_pt} × {placed_h_pt} pt")
        w, h = self.size
        return min(w * 72 / placed_w_pt, h * 72 / placed_h_pt)

    def check_resolution(self, placed_w_pt: float, placed_h_pt: float) -> str | None:
        """None if the image has DPI_WARN dpi or more at this size; below it a LowResolutionWarning is
        issued and its message returned; below DPI_FAIL a SourceError is raised."""
        dpi = self.effective_dpi(placed_w_pt, placed_h_pt)
        w, h = self.size
        fields = dict(image=_shown(self.path, self.source), px=f"{w} × {h}",
                      mm=f"{placed_w_pt * 25.4 / 72:.0f} × {placed_h_pt * 25.4 / 72:.0f}", dpi=f"{dpi:.0f}",
                      need=f"{w * DPI_WARN / dpi:.0f} × {h * DPI_WARN / dpi:.0f}")
        if dpi < DPI_FAIL:
            raise SourceError(self.source or self.path, self.line, t("images.dpi_too_low", minimum=DPI_FAIL, **fields),
                              t("images.dpi_too_low.fix", **fields))
        if dpi < DPI_WARN - 0.5:  # rounding of the placed size must not turn 300 dpi into a warning
            msg = t("common.where_message", where=_where(self.source or self.path, self.line),
                    message=t("images.dpi_low", limit=DPI_WARN, **fields))
            warnings.warn(LowResolutionWarning(msg), stacklevel=2)
            return msg
        return None


def output_profile() -> bytes:
    """The CMYK profile's bytes, for the PDF/X OutputIntent's /DestOutputProfile."""
    return PROFILE_PATH.read_bytes()


def locate(rel: str, base: Path, root: Path, source: Path, line: int | None) -> Path:
    """The image `rel` named on `line` of `source`, relative to folder `base`: resolved, inside the issue folder
    `root`, existing and a good image (validate), else a SourceError naming `source` and `line`."""
    target = (Path(base) / rel).resolve()
    try:
        target.relative_to(Path(root).resolve())
    except ValueError:
        raise SourceError(source, line, t("images.outside", rel=rel), t("images.outside.fix", root=root)) from None
    folder, file = folder_or_file(target, source, line, rel)
    if folder:
        raise SourceError(source, line, t("images.path_is_folder", rel=rel), t("images.is_folder.fix"))
    if not file:
        from .read.nearby import relative, same_image
        found = same_image(rel, Path(base).resolve(), Path(root).resolve())
        fix = (t("images.path_missing.fix_found", path=relative(found, Path(base).resolve()), found=found)
               if found else t("images.path_missing.fix", target=target, base=Path(base).resolve()))
        raise SourceError(source, line, t("images.path_missing", rel=rel), fix)
    validate(target, source, line, later=True)
    return target


def validate(path: Path, source: Path | None = None, line: int | None = None, later: bool = False) -> tuple[int, int]:
    """Open and fully decode the image; SourceError (naming `source`:`line` and the image) if it is missing,
    not a PNG/JPEG/TIFF, damaged, truncated or too large.  Returns its size in pixels.  A file found good
    is not decoded again while it is unchanged (same size and modification time), in this process (a
    watch reloads the issue on every save) or a later one (the store, typeset/stored.py).  `later`:
    everything but the full decode is checked now, the decode runs in a second process while the
    reader goes on (a cover takes ~40 ms), and `settle()` waits for it, raising what the decode found,
    as this would have."""
    path = Path(path)
    key = stamp(path.resolve())
    size = _valid.get(key) if key else None
    if size is None and key:  # found good by an earlier build (the same file stamp, the same checks)
        size = _stored_size(path)
        if size is not None:
            _remember(key, size)
    if size is None and later and key:
        if key not in _decoding:
            from .parallel import Background

            _decoding[key] = (_open(path, source, line, decode=False).size,
                              Background(partial(_decoded, path, source, line)))
        return _decoding[key][0]
    if size is None:
        size = _decoded(path, source, line)
        if key:
            _remember(key, size)
    return size


def settle() -> list[SourceError]:
    """Wait for the decodes `validate(later=True)` started: what each found wrong, as `validate` would
    have raised it."""
    errors = []
    for key, (_, job) in list(_decoding.items()):
        try:
            _remember(key, job.result())
        except SourceError as e:
            errors.append(e)
        finally:
            job.close()
            del _decoding[key]
    return errors


def decoded_good(key: tuple | None) -> bool:
    """Whether the picture of this file stamp was found good (see `validate`)."""
    return key in _valid


def _decoded(path: Path, source: Path | None, line: int | None) -> tuple[int, int]:
    im = _open(path, source, line)
    _store_check(path, im.size, _exif_orientation(im))
    return im.size


def _remember(key: tuple, size: tuple[int, int]) -> None:
    _bounded_put(_valid, key, size, 4 * CACHE_IMAGES)


def _bounded_put(cache: dict, key: tuple, value, limit: int) -> None:
    """Put `value` in `cache`, dropping the oldest entries beyond `limit`: a long-running process stays bounded."""
    cache[key] = value
    while len(cache) > limit:
        del cache[next(iter(cache))]


_valid: dict[tuple, tuple[int, int]] = {}
_decoding: dict[tuple, tuple[tuple[int, int], Any]] = {}  # the size read, the decode (parallel.Background)


def prefetch(pictures: Iterable[tuple[Path, Path | None, int | None]]) -> None:
    """Convert these pictures (path, the file that places it, its line) for the press in second
    processes while this one lays the issue out: the cover alone is ~0.25 s of colour transform and
    compression, and the layout needs it only at its end.  `prepare` then takes the pixels from
    them (and, should one fail, converts the picture itself, raising what it always raised);
    `drop_prefetched` ends those never asked for."""
    from .parallel import Background

    for path, source, line in pictures:
        path = Path(path).resolve()
        key = stamp(path)
        if key is not None and key not in _cache and key not in _coming:
            # (the child looks in the store too: naming a picture there means reading and hashing it)
            _coming[key] = Background(partial(_converted, path, source, line))


def _converted(path: Path, source: Path | None, line: int | None) -> Pixels:
    pixels = _stored_pixels(path)
    if pixels is None:
        pixels = _convert(_open(path, source, line), path, source, line)
        _store_pixels(path, pixels)
    return pixels


# ---- kept on disk between builds (typeset/stored.py), by the picture's bytes and what converts it ----

PICTURES_KEPT = 64  # converted pictures kept on disk (an issue has a few dozen at most)


@lru_cache(maxsize=1)
def _method() -> bytes:
    """What a conversion or check depends on besides the picture: this module, the press profile,
    Pillow and LittleCMS."""
    return b"\0".join([Path(__file__).read_bytes(), output_profile(), Image.__version__.encode(),
                       str(getattr(ImageCms.core, "littlecms_version", "")).encode(), f"{INTENT} {BPC}".encode()])


def _pixels_key(path: Path) -> str | None:
    """A converted picture is named by its bytes (and the method)."""
    from . import stored

    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:
        data = None
    return None if data is None else stored.digest("pixels", data, _method())


def _check_key(path: Path) -> str | None:
    """A picture found good is named by its file stamp (path, size, modification time, as the checks
    kept in memory are), so that the build's own process need not read and hash every picture."""
    from . import stored

    key = stamp(Path(path).resolve())
    return None if key is None else stored.digest("valid", repr(key), _method())


def _stored_pixels(path: Path) -> Pixels | None:
    from . import stored

    key = _pixels_key(path)
    data = stored.get("pictures", key) if key else None
    if data is None or len(data) < 9 or data[:1] not in (b"C", b"L"):
        return None
    mode = "CMYK" if data[:1] == b"C" else "L"
    return Pixels(mode, (int.from_bytes(data[1:5], "little"), int.from_bytes(data[5:9], "little")), data[9:])


def _store_pixels(path: Path, pixels: Pixels) -> None:
    from . import stored

    key = _pixels_key(path)
    if key:
        head = (b"C" if pixels.mode == "CMYK" else b"L") + b"".join(n.to_bytes(4, "little") for n in pixels.size)
        stored.put("pictures", key, head + pixels.flate, PICTURES_KEPT)


def _stored_check(path: Path) -> tuple[tuple[int, int], int | None] | None:
    """(size, EXIF orientation) of a picture an earlier build decoded and found good."""
    from . import stored

    key = _check_key(path)
    data = stored.get("checked-pictures", key) if key else None
    if data is None or len(data) != 9:
        return None
    return (int.from_bytes(data[:4], "little"), int.from_bytes(data[4:8], "little")), data[8] or None


def _stored_size(path: Path) -> tuple[int, int] | None:
    checked = _stored_check(path)
    return None if checked is None else checked[0]


def _store_check(path: Path, size: tuple[int, int], orientation: int | None) -> None:
    from . import stored

    key = _check_key(path)
    if key:
        turn = orientation if isinstance(orientation, int) and 0 < orientation < 256 else 0
        data = b"".join(n.to_bytes(4, "little") for n in size) + bytes([turn])
        stored.put("checked-pictures", key, data, 4 * PICTURES_KEPT)


def drop_prefetched() -> None:
    for job in _coming.values():
        job.close()
    _coming.clear()


_coming: dict[tuple, Any] = {}  # pictures being converted by `prefetch`, by file


def prepare(path: Path, source: Path | None = None, line: int | None = None) -> PrintImage:
    """The image converted for the press; the conversion is cached per (file, modification time)."""
    path = Path(path).resolve()
    key = stamp(path)  # (None: _open reports it)
    pixels = _cache.get(key) if key else None
    if pixels is None:
        job = _coming.pop(key, None) if key else None
        pixels = job.result() if job is not None else _converted(path, source, line)
        if key:
            _bounded_put(_cache, key, pixels, CACHE_IMAGES)
    return PrintImage(path, pixels, source, line)


def office_image(path: Path, source: Path | None = None, line: int | None = None) -> bytes:
    """Bytes for the DOCX: the original PNG/JPEG when Word shows it as it is (RGB or gray: the editable file
    is read on screen and printed on office printers, which expect sRGB), else an sRGB PNG."""
    path = Path(path)
    checked = _stored_check(path)  # (a picture found good before: its EXIF orientation without decoding it)
    im = _open(path, source, line, decode=checked is None)
    orientation = checked[1] if checked is not None else _exif_orientation(im)
    if im.format in ("PNG", "JPEG") and im.mode in ("1", "L", "LA", "P", "PA", "RGB", "RGBA") and orientation in (None, 1):
        return path.read_bytes()
    rgb = _flatten(ImageOps.exif_transpose(im))
    if rgb.mode == "CMYK":
        icc = im.info.get("icc_profile")
        src = _profile(icc, path, source, line) if icc else _press_profile()
        try:
            rgb = _apply(rgb, _transform_to(src, "CMYK", _srgb(), "RGB"))
        except ImageCms.PyCMSError as e:
            raise SourceError(source or path, line, t("images.profile_mismatch", image=_shown(path, source), mode="CMYK", error=e),
                              t("images.profile_mismatch.fix")) from None
    elif rgb.mode not in ("L", "RGB"):
        rgb = rgb.convert("RGB")
    out = io.BytesIO()
    rgb.save(out, "PNG", optimize=False)
    return out.getvalue()


def clear_cache() -> None:
    _cache.clear()


_cache: dict[tuple, Pixels] = {}
CACHE_IMAGES = 32  # converted images kept (an issue has a few dozen at most)


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _shown(path: Path, source: Path | None) -> str:
    """The image as the source file names it (relative to that file), else its full path."""
    if source is not None:
        try:
            return Path(os.path.relpath(path, Path(source).parent)).as_posix()
        except ValueError:  # another drive on Windows
            pass
    return str(path)


def _open(path: Path, source: Path | None, line: int | None, decode: bool = True) -> Image.Image:
    """The image, checked (see `validate`); without `decode`, all but the full decode."""
    shown = _shown(path, source)

    def fail(key: str, fix: str | None = None, **fields):
        """The problem `key` with its fix (`fix`, else KEY.fix), the image as the source names it."""
        raise SourceError(source or path, line, t(key, image=shown, **fields), t(fix or f"{key}.fix", path=path, **fields))

    if not path.exists():
        fail("images.missing")
    if not path.is_file():
        fail("images.is_folder")
    size = path.stat().st_size
    if size == 0:
        fail("images.empty_file")
    if size > MAX_BYTES:
        fail("images.too_many_bytes", size=size >> 20, limit=MAX_BYTES >> 20)
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; a bomb must stop the build either way.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=FORMATS) as probe:
                _check_pixels(probe.size, fail)
                probe.verify()  # PNG: every chunk's CRC; catches damage a lenient decoder would paint over
            im = Image.open(path, formats=FORMATS)
            if decode:
                im.load()  # the full decode: a truncated file fails here, not later in the writer
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            fail("images.bomb", limit=f"{MAX_PIXELS:,}")
        except Image.UnidentifiedImageError:
            fail("images.unknown_format")
        except SourceError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError) as e:
            kind = "images.truncated" if "truncated" in str(e).lower() else "images.damaged"
            fail(kind, "images.resave", error=e)
    _check_pixels(im.size, fail)
    return im


def _check_pixels(size: tuple[int, int], fail) -> None:
    w, h = size
    if w * h > MAX_PIXELS:
        fail("images.too_many_pixels", px=f"{w} × {h}", pixels=f"{w * h:,}", limit=f"{MAX_PIXELS:,}")
    if w < 1 or h < 1:
        fail("images.no_pixels", px=f"{w} × {h}")


def _exif_orientation(im: Image.Image) -> int | None:
    try:
        return im.getexif().get(0x0112)
    except Exception:  # a broken EXIF block must not stop an otherwise good image
        return None


def _flatten(im: Image.Image) -> Image.Image:
    """Modes reduced to L, RGB or CMYK; transparency composited on white (the paper)."""
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):  # 16-bit gray (PNG, TIFF): scale, don't clip
        return im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if im.mode == "1":
        return im.convert("L")
    if im.mode in ("P", "PA"):
        im = im.convert("RGBA")
    if im.mode in ("LA", "La", "RGBA", "RGBa"):
        gray = im.mode in ("LA", "La")
        flat = Image.alpha_composite(Image.new("RGBA", im.size, (255, 255, 255, 255)), im.convert("RGBA"))
        return flat.convert("L" if gray else "RGB")
    if im.mode in ("RGBX", "YCbCr"):
        return im.convert("RGB")
    return im


@lru_cache(maxsize=1)
def _press_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.getOpenProfile(str(PROFILE_PATH))


@lru_cache(maxsize=1)
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@lru_cache(maxsize=16)
def _embedded(icc: bytes) -> ImageCms.ImageCmsProfile:
    # One object per distinct profile, so the transform caches below (keyed by object) hit.
    return ImageCms.ImageCmsProfile(io.BytesIO(icc))


def _profile(icc: bytes, path: Path, source: Path | None, line: int | None) -> ImageCms.ImageCmsProfile:
    try:
        return _embedded(icc)
    except (OSError, ImageCms.PyCMSError) as e:
        raise SourceError(source or path, line, t("images.bad_profile", image=_shown(path, source), error=e),
                          t("images.bad_profile.fix")) from None


def _same_condition(profile: ImageCms.ImageCmsProfile) -> bool:
    """True for a profile of our press condition: ours, or another FOGRA39 / ISO Coated v2 profile."""
    desc = ImageCms.getProfileDescription(profile) or ""
    return profile.tobytes() == output_profile() or re.search(r"fogra\s*39|iso\s*coated\s*v2", desc, re.I) is not None


def _apply(im: Image.Image, transform) -> Image.Image:
    """ImageCms.applyTransform, which returns the new image (None only when converting in place)."""
    out = ImageCms.applyTransform(im, transform)
    assert out is not None
    return out


@lru_cache(maxsize=32)
def _transform_to(src, src_mode: str, dst, dst_mode: str):
    flags = BPC if BPC is not None else 0
    return ImageCms.buildTransform(src, dst, src_mode, dst_mode, renderingIntent=ImageCms.Intent(INTENT),
                                   flags=ImageCms.Flags(flags))


BAND_BYTES = 1 << 20  # converted and compressed a band of rows of about this size at a time


def _convert(im: Image.Image, path: Path, source: Path | None, line: int | None) -> Pixels:
    icc = im.info.get("icc_profile")
    ImageOps.exif_transpose(im, in_place=True)  # a phone photo's EXIF rotation is how its author saw it
    im = _flatten(im)
    if im.mode not in ("L", "RGB", "CMYK"):
        raise SourceError(source or path, line, t("images.colour_mode", image=_shown(path, source), mode=im.mode),
                          t("images.colour_mode.fix"))
    src = _profile(icc, path, source, line) if icc else None
    try:
        if im.mode == "L":
            lut = _gray_to_black_plate(src)
            return _compressed(im, "L", lambda band: band.point(lut))
        if im.mode == "CMYK" and (src is None or _same_condition(src)):
            # Untagged CMYK is taken as separated for this press, as printers do; CMYK for the same condition
            # passes unchanged, since a CMYK→CMYK conversion goes through Lab and rebuilds the black plate.
            return _compressed(im, "CMYK", lambda band: band)
        transform = _transform_to(src or _srgb(), im.mode, _press_profile(), "CMYK")
        return _compressed(im, "CMYK", lambda band: _apply(band, transform))
    except ImageCms.PyCMSError as e:
        raise SourceError(source or path, line, t("images.profile_mismatch", image=_shown(path, source), mode=im.mode, error=e),
                          t("images.profile_mismatch.fix")) from None


def _compressed(im: Image.Image, mode: str, convert) -> Pixels:
    """`convert` applied to `im` a band of rows at a time, the result compressed as it comes: the
    whole converted image is never in memory, only the source and one band."""
    w, h = im.size
    rows = max(1, BAND_BYTES // (4 * w))
    flate = zlib.compressobj()  # zlib.compress's settings: the same stream as one call on all the bytes
    parts = [flate.compress(convert(im.crop((0, y, w, min(h, y + rows)))).tobytes()) for y in range(0, h, rows)]
    parts.append(flate.flush())
    return Pixels(mode, (w, h), b"".join(parts))


# Gray images stay one channel and print on the black plate only (DeviceGray = K under a CMYK OutputIntent):
# a four-colour gray would shift in hue with every variation of the press and blur with misregistration.
# But K dot gain makes raw values print too light in the mid-tones and too dark in the shadows, so each gray
# level is mapped to the K that reproduces its lightness on the press (relative colorimetric with black point
# compensation along the neutral axis), measured through the bundled profile.
@lru_cache(maxsize=8)
def _gray_to_black_plate(src: ImageCms.ImageCmsProfile | None) -> list[int]:
    lab = _lab()
    if src is None:  # untagged gray is read as sRGB gray, like an untagged RGB image
        ramp = Image.frombytes("RGB", (256, 1), bytes(v for g in range(256) for v in (g, g, g)))
        src_l = _apply(ramp, _lab_transform(_srgb(), "RGB", lab))
    else:
        src_l = _apply(Image.frombytes("L", (256, 1), bytes(range(256))), _lab_transform(src, "L", lab))
    k_ramp = Image.frombytes("CMYK", (256, 1), bytes(v for k in range(256) for v in (0, 0, 0, k)))
    press_l = _apply(k_ramp, _lab_transform(_press_profile(), "CMYK", lab))
    ys = [_y(v) for v in src_l.getchannel("L").tobytes()]
    yk = [_y(v) for v in press_l.getchannel("L").tobytes()]  # falls from paper (K 0) to solid black (K 255)
    lut = []
    for y in ys:
        t = (y - ys[0]) / ((ys[-1] - ys[0]) or 1)  # source black → 0, source white → 1
        target = yk[-1] + t * (yk[0] - yk[-1])
        k = next((i for i in range(1, 256) if yk[i] <= target), 255)
        span = yk[k - 1] - yk[k]
        k_exact = k - (target - yk[k]) / span if span > 0 else k
        lut.append(255 - round(min(255.0, max(0.0, k_exact))))
    return lut


@lru_cache(maxsize=1)
def _lab() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))


@lru_cache(maxsize=8)
def _lab_transform(src, mode: str, lab):
    return ImageCms.buildTransform(src, lab, mode, "LAB", renderingIntent=ImageCms.Intent(_INTENT_RELATIVE))


def _y(l8: int) -> float:
    """Relative luminance Y (0–1) from Pillow's 8-bit L* (0–255 for 0–100)."""
    ls = l8 * 100 / 255
    return ((ls + 16) / 116) ** 3 if ls > 8 else ls / 903.3
