<!-- Tables that exist only so that VO-wide tests meet real differences
between services.  They are served by the real DaCHS; the registry lists
them only under the quirk services of the test front (ports 8091-8098, see
local-vo/README.md, "Deliberately broken services in the registry"), never
under ivo://vokit.test/tap, so registry searches over the healthy services
do not see them.  The rows are copied from vostars.main on import (no data
files), so they always match it. -->
<resource schema="voquirks" resdir="voquirks">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit quirks: the star catalogue with integer ids</meta>
  <meta name="description">
    The vokit test stars again, but identified by an integer (the number
    in VKS-nnnnn) instead of a string: a service whose id column has
    another type than the others', as real catalogues do.
  </meta>
  <meta name="subject">astronomical-object-catalogs</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>

  <table id="int_ids" onDisk="True" adql="True" primary="star_no">
    <meta name="description">The vokit test stars with integer ids
      (star_no 1 is VKS-00001).</meta>
    <stc>
      Position ICRS Epoch J2016.0 "ra" "dec"
    </stc>
    <column name="star_no" type="integer" ucd="meta.id;meta.main"
      tablehead="No" verbLevel="1" required="True"
      description="Running number of the star (the digits of its VKS id)."/>
    <column name="ra" type="double precision" unit="deg"
      ucd="pos.eq.ra;meta.main" verbLevel="1" required="True"
      description="ICRS right ascension, epoch J2016.0."/>
    <column name="dec" type="double precision" unit="deg"
      ucd="pos.eq.dec;meta.main" verbLevel="1" required="True"
      description="ICRS declination, epoch J2016.0."/>
    <column name="pmra" type="real" unit="mas/yr" ucd="pos.pm;pos.eq.ra"
      verbLevel="1"
      description="Proper motion in RA (including the cos(dec) factor)."/>
    <column name="pmdec" type="real" unit="mas/yr" ucd="pos.pm;pos.eq.dec"
      verbLevel="1" description="Proper motion in declination."/>
  </table>

  <data id="import">
    <make table="int_ids">
      <script type="postCreation" lang="SQL" name="copy the stars">
        INSERT INTO \curtable (star_no, ra, dec, pmra, pmdec)
        SELECT CAST(SUBSTRING(main_id FROM 5) AS INTEGER), ra, dec, pmra,
          pmdec FROM vostars.main
      </script>
    </make>
  </data>
</resource>
