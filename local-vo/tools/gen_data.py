#!/usr/bin/python3
"""Deterministic made-up test data for the vokit local VO.

Usage: gen_data.py KIND OUTDIR
KIND is one of stars, images, spectra, planets.

Everything is derived from fixed random seeds, so the same inputs give
byte-identical outputs on the same Debian release.  Values are rounded
before they are written so that the database content does not depend on
float printing details.
"""

import csv
import math
import os
import sys

import numpy as np

STAR_SEED = 20240611
IMAGE_SEED = 7001
SPECTRUM_SEED = 7002
PLANET_SEED = 7003

N_STARS = 5000

# Sky regions of the made-up star catalogue: name, centre RA, centre Dec,
# Gaussian sigma (deg), number of stars, shared proper motion (mas/yr),
# parallax (mas) or None for a field population.
REGIONS = [
    ("field-10+20", 10.0, 20.0, 0.6, 2000, None, None),
    ("cluster-150+2", 150.0, 2.2, 0.12, 1500, (-12.5, 4.25), 2.5),
    ("bulge-266-29", 266.4, -29.0, 0.5, 1000, None, None),
    ("wrap-0-5", 0.0, -5.0, 0.3, 500, None, None),
]

# A few hand-placed stars with exactly known positions and values; they
# are the first rows of the catalogue.
FIXED_STARS = [
    # main_id, ra, dec, vmag, remark
    ("VKS-00001", 10.0, 20.0, 9.5, "Reference star at exactly RA=10, Dec=20"),
    ("VKS-00002", 10.01, 20.0, 11.25, 'Said to be "double"; see O\'Brien\'s note'),
    ("VKS-00003", 150.0, 2.2, 10.0, "Cluster centre star – naïve estimate"),
    ("VKS-00004", 266.4, -29.0, 12.0, "Ångström-level jitter; 日本語 label"),
    ("VKS-00005", 359.999, -5.0, 13.0, "Near RA=360; backslash \\ and <tag> & ampersand"),
]

AWKWARD_REMARKS = [
    "It's a star",
    'He said "hello"',
    "Comma, separated; and semicolon",
    "Ünïcödé ümläuts",
    "Greek: αβγ",
    "Tab\tinside",
    "50% of 100%",
    "back\\slash",
    "<xml> & 'quotes'",
    "Emoji-free but ©®",
]

SPECTRAL_TYPES = ["O9V", "B2V", "A0V", "A5III", "F2V", "G2V", "G8III",
    "K0V", "K3III", "M2V", "M5III"]


def _fmt(value, digits):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.{digits}f}"


def make_stars():
    """Return the star catalogue as a list of dicts (deterministic)."""
    rng = np.random.default_rng(STAR_SEED)
    rows = []
    index = 0

    def add_star(main_id, ra, dec, vmag, remark, region, pm, plx):
        bv = float(rng.uniform(-0.2, 1.8))
        vj = float(0.9 * bv + rng.normal(0, 0.05))
        jh = float(0.2 + 0.3 * bv + rng.normal(0, 0.03))
        hk = float(0.05 + 0.1 * bv + rng.normal(0, 0.02))
        if pm is None:
            pmra = float(rng.normal(0, 8))
            pmdec = float(rng.normal(0, 8))
            parallax = float(abs(rng.normal(1.0, 0.8)) + 0.05)
        else:
            pmra = float(pm[0] + rng.normal(0, 0.3))
            pmdec = float(pm[1] + rng.normal(0, 0.3))
            parallax = float(plx + rng.normal(0, 0.05))
        has_rv = rng.uniform() < 0.4
        rv = float(rng.normal(-5, 30)) if has_rv else None
        has_k = rng.uniform() < 0.9
        kmag = vmag - vj - jh - hk if has_k else None
        sptype = SPECTRAL_TYPES[min(len(SPECTRAL_TYPES) - 1,
            max(0, int((bv + 0.2) / 2.0 * len(SPECTRAL_TYPES))))]
        rows.append({
            "main_id": main_id,
            "ra": ra % 360.0,
            "dec": dec,
            "pmra": pmra,
            "pmdec": pmdec,
            "parallax": parallax,
            "parallax_error": float(0.02 + 0.01 * max(vmag - 10, 0)),
            "rv": rv,
            "bmag": vmag + bv,
            "vmag": vmag,
            "jmag": vmag - vj,
            "hmag": vmag - vj - jh,
            "kmag": kmag,
            "sp_type": sptype,
            "field_name": region,
            "remarks": remark,
        })

    for main_id, ra, dec, vmag, remark in FIXED_STARS:
        region = {10.0: "field-10+20", 10.01: "field-10+20", 150.0: "cluster-150+2",
            266.4: "bulge-266-29"}.get(ra, "wrap-0-5")
        pm = (-12.5, 4.25) if region == "cluster-150+2" else None
        add_star(main_id, ra, dec, vmag, remark, region, pm,
            2.5 if pm else None)
        index += 1

    fixed_per_region = {}
    for r in rows:
        fixed_per_region[r["field_name"]] = fixed_per_region.get(r["field_name"], 0) + 1

    for name, ra0, dec0, sigma, count, pm, plx in REGIONS:
        for _ in range(count - fixed_per_region.get(name, 0)):
            index += 1
            dec = float(np.clip(dec0 + rng.normal(0, sigma), -89.9, 89.9))
            ra = float(ra0 + rng.normal(0, sigma) / math.cos(math.radians(dec)))
            vmag = float(np.clip(rng.normal(15, 2), 8, 21))
            remark = None
            roll = rng.uniform()
            if roll < 0.05:
                remark = AWKWARD_REMARKS[int(rng.integers(len(AWKWARD_REMARKS)))]
            elif roll < 0.10:
                remark = ""
            add_star(f"VKS-{index:05d}", ra, dec, vmag, remark, name, pm, plx)

    assert len(rows) == N_STARS, len(rows)
    return rows


STAR_COLUMNS = [
    ("main_id", None), ("ra", 7), ("dec", 7), ("pmra", 3), ("pmdec", 3),
    ("parallax", 4), ("parallax_error", 4), ("rv", 2), ("bmag", 3),
    ("vmag", 3), ("jmag", 3), ("hmag", 3), ("kmag", 3), ("sp_type", None),
    ("field_name", None), ("remarks", None)]


def write_stars(outdir):
    path = os.path.join(outdir, "stars.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([c for c, _ in STAR_COLUMNS])
        for row in make_stars():
            out = []
            for col, digits in STAR_COLUMNS:
                val = row[col]
                if digits is not None:
                    out.append(_fmt(val, digits))
                elif val is None:
                    # the RD maps this marker to NULL (and keeps "" as "")
                    out.append("__NULL__")
                else:
                    out.append(val)
            w.writerow(out)


# ----------------------------------------------------------------- images

IMAGE_SIZE = 64
PIXEL_SCALE = 0.01  # degrees per pixel

# (field name, RA, Dec, filters)
IMAGE_FIELDS = []
for i, dra in enumerate((-0.5, 0.0, 0.5)):
    for j, ddec in enumerate((-0.5, 0.0, 0.5)):
        IMAGE_FIELDS.append((f"f10p20-{i}{j}", 10.0 + dra / math.cos(math.radians(20)),
            20.0 + ddec, ("Johnson B", "Johnson V")))
for i, (dra, ddec) in enumerate(((-0.2, -0.2), (0.2, -0.2), (-0.2, 0.2), (0.2, 0.2))):
    IMAGE_FIELDS.append((f"c150p2-{i}", 150.0 + dra, 2.2 + ddec, ("Johnson V", "Johnson R")))
IMAGE_FIELDS.append(("b266m29-0", 266.4, -29.0, ("Johnson V", "Johnson R")))
IMAGE_FIELDS.append(("w0m5-0", 0.1, -5.0, ("Johnson V",)))
IMAGE_FIELDS.append(("w0m5-1", 359.9, -5.0, ("Johnson V",)))


def write_images(outdir):
    from astropy.io import fits
    from astropy.wcs import WCS

    stars = make_stars()
    ras = np.array([s["ra"] for s in stars])
    decs = np.array([s["dec"] for s in stars])
    vmags = np.array([s["vmag"] for s in stars])
    rng = np.random.default_rng(IMAGE_SEED)
    yy, xx = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE]
    mjd0 = 60000.0
    n = 0
    for field, ra, dec, filters in IMAGE_FIELDS:
        for filt in filters:
            n += 1
            hdr = fits.Header()
            hdr["CTYPE1"] = "RA---TAN"
            hdr["CTYPE2"] = "DEC--TAN"
            hdr["CRVAL1"] = round(ra % 360.0, 6)
            hdr["CRVAL2"] = round(dec, 6)
            hdr["CRPIX1"] = (IMAGE_SIZE + 1) / 2
            hdr["CRPIX2"] = (IMAGE_SIZE + 1) / 2
            hdr["CDELT1"] = -PIXEL_SCALE
            hdr["CDELT2"] = PIXEL_SCALE
            hdr["CUNIT1"] = "deg"
            hdr["CUNIT2"] = "deg"
            hdr["RADESYS"] = "ICRS"
            hdr["EQUINOX"] = 2000.0
            wcs = WCS(hdr)
            data = rng.normal(100.0, 3.0, (IMAGE_SIZE, IMAGE_SIZE))
            px, py = wcs.all_world2pix(ras, decs, 0)
            inside = (px > -3) & (px < IMAGE_SIZE + 2) & (py > -3) & (py < IMAGE_SIZE + 2)
            # only stars in front of the camera (TAN projects both hemispheres)
            sep = np.degrees(np.arccos(np.clip(
                np.sin(np.radians(decs)) * math.sin(math.radians(dec))
                + np.cos(np.radians(decs)) * math.cos(math.radians(dec))
                * np.cos(np.radians(ras - ra)), -1, 1)))
            inside &= sep < 5
            for x, y, m in zip(px[inside], py[inside], vmags[inside]):
                flux = 10 ** (-0.4 * (m - 20.0))
                data += flux * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * 1.2 ** 2))
            mjd = mjd0 + 3.5 * n
            hdr["DATE-OBS"] = _mjd_to_iso(mjd)
            hdr["MJD-OBS"] = mjd
            hdr["EXPTIME"] = 30.0 * (1 + n % 4)
            hdr["FILTER"] = filt
            hdr["OBJECT"] = field
            hdr["TELESCOP"] = "vokit test telescope"
            hdr["INSTRUME"] = "VKCam"
            hdr["BUNIT"] = "adu"
            hdu = fits.PrimaryHDU(data=data.astype(np.float32), header=hdr)
            name = f"img-{field}-{filt.split()[-1]}.fits"
            hdu.writeto(os.path.join(outdir, name), overwrite=True,
                output_verify="exception")


def _mjd_to_iso(mjd):
    import datetime
    base = datetime.datetime(1858, 11, 17)
    dt = base + datetime.timedelta(days=mjd)
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


# ---------------------------------------------------------------- spectra

N_SPECTRA = 30
SPEC_START = 4000.0  # Angstrom
SPEC_STEP = 2.0
SPEC_LEN = 1001       # 4000 .. 6000 Angstrom


def write_spectra(outdir):
    from astropy.io import fits

    stars = make_stars()
    rng = np.random.default_rng(SPECTRUM_SEED)
    # the first five (hand-placed) stars, then every 150th star
    chosen = stars[:5] + stars[5::150][:N_SPECTRA - 5]
    wl = SPEC_START + SPEC_STEP * np.arange(SPEC_LEN)
    lines = [4340.5, 4861.3, 5175.0, 5892.9]
    for n, star in enumerate(chosen, 1):
        teff = float(rng.uniform(3500, 25000))
        teff = round(teff, -1)
        # a Planck-ish continuum in arbitrary flux units
        x = 1.4388e8 / (wl * teff)
        cont = 1.0 / (wl / 5000.0) ** 5 / (np.exp(x) - 1)
        cont = cont / cont.max()
        flux = cont.copy()
        for line in lines:
            depth = float(rng.uniform(0.1, 0.5))
            flux *= 1 - depth * np.exp(-((wl - line) ** 2) / (2 * 3.0 ** 2))
        snr = float(rng.uniform(10, 200))
        flux = flux * (1 + rng.normal(0, 1 / snr, wl.shape))
        flux = (flux * 1e-15).astype(np.float32)
        hdr = fits.Header()
        hdr["CTYPE1"] = "WAVE"
        hdr["CUNIT1"] = "Angstrom"
        hdr["CRPIX1"] = 1.0
        hdr["CRVAL1"] = SPEC_START
        hdr["CDELT1"] = SPEC_STEP
        hdr["BUNIT"] = "erg/(s cm**2 Angstrom)"
        hdr["OBJECT"] = star["main_id"]
        hdr["RA"] = round(star["ra"], 7)
        hdr["DEC"] = round(star["dec"], 7)
        mjd = 60100.0 + 2.25 * n
        hdr["DATE-OBS"] = _mjd_to_iso(mjd)
        hdr["MJD-OBS"] = mjd
        hdr["EXPTIME"] = 600.0 + 60 * (n % 5)
        hdr["TEFF"] = (teff, "[K] effective temperature of the model star")
        hdr["SNR"] = (round(snr, 1), "signal-to-noise ratio")
        hdr["SPTYPE"] = star["sp_type"]
        hdr["TELESCOP"] = "vokit test telescope"
        hdr["INSTRUME"] = "VKSpec"
        fits.PrimaryHDU(data=flux, header=hdr).writeto(
            os.path.join(outdir, f"spec-{n:03d}.fits"), overwrite=True,
            output_verify="exception")


# ---------------------------------------------------------------- planets

PLANET_TARGETS = [
    # name, class, region
    ("Mars", "planet", "surface"),
    ("Jupiter", "planet", "atmosphere"),
    ("Saturn", "planet", "atmosphere"),
    ("Venus", "planet", "atmosphere"),
    ("Europa", "satellite", "surface"),
    ("Titan", "satellite", "atmosphere"),
    ("Io", "satellite", "surface"),
    ("Ceres", "dwarf_planet", "surface"),
    ("Vesta", "asteroid", "surface"),
    ("67P", "comet", "coma"),
    ("Pluto", "dwarf_planet", "surface"),
    ("Moon", "satellite", "surface"),
]

PLANET_INSTRUMENTS = [
    # host, instrument, product type, spectral range (m) or None
    ("Mars Express", "Visible and Infrared Mineralogical Mapping Spectrometer#OMEGA",
        "sp", (0.35e-6, 5.1e-6)),
    ("Venus Express", "Visible and Infrared Thermal Imaging Spectrometer#VIRTIS",
        "sc", (0.25e-6, 5.0e-6)),
    ("Cassini", "Imaging Science Subsystem#ISS", "im", (0.2e-6, 1.1e-6)),
    ("Rosetta", "OSIRIS", "im", (0.25e-6, 1.0e-6)),
    ("vokit ground telescope", "VKSpec", "sp", (0.4e-6, 0.6e-6)),
]

PLANET_COLUMNS = ["granule_uid", "granule_gid", "obs_id", "dataproduct_type",
    "target_name", "target_class", "target_region", "time_min", "time_max",
    "time_exp", "spectral_range_min", "spectral_range_max", "c1min", "c1max",
    "c2min", "c2max", "incidence", "emergence", "phase",
    "instrument_host_name", "instrument_name", "processing_level",
    "measurement_type", "access_url", "access_format", "access_estsize"]


def write_planets(outdir):
    rng = np.random.default_rng(PLANET_SEED)
    c = 299792458.0
    path = os.path.join(outdir, "epn.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PLANET_COLUMNS)
        for n in range(36):
            target, tclass, region = PLANET_TARGETS[n % len(PLANET_TARGETS)]
            host, instr, ptype, (wmin, wmax) = PLANET_INSTRUMENTS[
                n % len(PLANET_INSTRUMENTS)]
            jd = 2455000.5 + 37.25 * n
            duration = float(rng.uniform(0.001, 0.05))
            lon = float(rng.uniform(0, 330))
            lat = float(rng.uniform(-80, 60))
            w.writerow([
                f"vkepn-{n + 1:03d}",
                f"{host.lower().replace(' ', '_')}",
                f"obs-{n // 2 + 1:03d}",
                ptype,
                target,
                tclass,
                region,
                _fmt(jd, 5), _fmt(jd + duration, 5),
                _fmt(float(rng.uniform(1, 120)), 2),
                _fmt(c / wmax, 1), _fmt(c / wmin, 1),
                _fmt(lon, 3), _fmt(lon + 20, 3), _fmt(lat, 3), _fmt(lat + 15, 3),
                _fmt(float(rng.uniform(10, 80)), 2),
                _fmt(float(rng.uniform(0, 60)), 2),
                _fmt(float(rng.uniform(0, 120)), 2),
                host, instr, 3 if n % 3 else 2,
                "phys.reflectance" if ptype != "im" else "phot.flux.density",
                "", "", "",
            ])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    {"stars": write_stars, "images": write_images, "spectra": write_spectra,
        "planets": write_planets}[kind](outdir)


if __name__ == "__main__":
    main()
