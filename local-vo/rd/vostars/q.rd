<resource schema="vostars" resdir="vostars">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit Test Star Catalogue</meta>
  <meta name="description">
    A made-up catalogue of exactly 5000 stars in four sky regions (a field
    around RA=10, Dec=20, a co-moving cluster at RA=150, Dec=2.2, a field
    towards the Galactic bulge at RA=266.4, Dec=-29, and a field straddling
    RA=0 at Dec=-5), with proper motions, parallaxes, optical and infrared
    photometry and radial velocities.  It exists only to test VO clients;
    none of the values describe real objects.
  </meta>
  <meta name="subject">astronomical-object-catalogs</meta>
  <meta name="subject">proper-motions</meta>
  <meta name="subject">photometry</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="instrument">vokit test telescope</meta>
  <meta name="facility">vokit virtual observatory</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="coverage.waveband">Infrared</meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="main_id">
    <meta name="description">The made-up stars: positions, kinematics
      and photometry.</meta>
    <stc>
      Position ICRS Epoch J2016.0 "ra" "dec"
    </stc>

    <column name="main_id" type="text" ucd="meta.id;meta.main"
      tablehead="ID" verbLevel="1" required="True"
      description="Catalogue designation of the star (VKS-nnnnn)."/>
    <column name="ra" type="double precision" unit="deg"
      ucd="pos.eq.ra;meta.main" tablehead="RA" verbLevel="1" required="True"
      description="ICRS right ascension, epoch J2016.0."/>
    <column name="dec" type="double precision" unit="deg"
      ucd="pos.eq.dec;meta.main" tablehead="Dec" verbLevel="1" required="True"
      description="ICRS declination, epoch J2016.0."/>
    <column name="pmra" type="real" unit="mas/yr" ucd="pos.pm;pos.eq.ra"
      tablehead="pmRA" verbLevel="1"
      description="Proper motion in RA (including the cos(dec) factor)."/>
    <column name="pmdec" type="real" unit="mas/yr" ucd="pos.pm;pos.eq.dec"
      tablehead="pmDE" verbLevel="1"
      description="Proper motion in declination."/>
    <column name="parallax" type="real" unit="mas" ucd="pos.parallax"
      tablehead="Plx" verbLevel="1"
      description="Trigonometric parallax."/>
    <column name="parallax_error" type="real" unit="mas"
      ucd="stat.error;pos.parallax" tablehead="e_Plx" verbLevel="15"
      description="Standard error of the parallax."/>
    <column name="rv" type="real" unit="km/s"
      ucd="spect.dopplerVeloc.opt;em.opt.I" tablehead="RV" verbLevel="10"
      description="Heliocentric radial velocity; NULL for most stars."/>
    <column name="bmag" type="real" unit="mag" ucd="phot.mag;em.opt.B"
      tablehead="Bmag" verbLevel="1" description="Johnson B magnitude."/>
    <column name="vmag" type="real" unit="mag" ucd="phot.mag;em.opt.V"
      tablehead="Vmag" verbLevel="1" description="Johnson V magnitude."/>
    <column name="jmag" type="real" unit="mag" ucd="phot.mag;em.IR.J"
      tablehead="Jmag" verbLevel="10" description="J band magnitude."/>
    <column name="hmag" type="real" unit="mag" ucd="phot.mag;em.IR.H"
      tablehead="Hmag" verbLevel="10" description="H band magnitude."/>
    <column name="kmag" type="real" unit="mag" ucd="phot.mag;em.IR.K"
      tablehead="Kmag" verbLevel="10"
      description="K band magnitude; NULL for about one star in ten."/>
    <column name="sp_type" type="text" ucd="src.spType"
      tablehead="SpT" verbLevel="15" description="Spectral type (made up)."/>
    <column name="field_name" type="text" ucd="meta.id.part"
      tablehead="Field" verbLevel="15"
      description="Name of the sky region the star was generated in."/>
    <column name="remarks" type="unicode" ucd="meta.note"
      tablehead="Remarks" verbLevel="20"
      description="Free-text remarks.  Deliberately contains quotes,
        commas, backslashes, markup characters and non-ASCII text; it is
        NULL for most rows and the empty string for some."/>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <data id="import">
    <sources pattern="data/stars.csv"/>
    <csvGrammar enc="utf-8"/>
    <make table="main">
      <rowmaker idmaps="main_id,ra,dec,pmra,pmdec,parallax,parallax_error,bmag,vmag,jmag,hmag,sp_type,field_name">
        <map key="rv">parseWithNull(@rv, float, "")</map>
        <map key="kmag">parseWithNull(@kmag, float, "")</map>
        <map key="remarks" nullExpr="'__NULL__'">@remarks</map>
      </rowmaker>
    </make>
  </data>

  <service id="cone" allowed="form,scs.xml">
    <meta name="title">vokit Test Star Catalogue Cone Search</meta>
    <meta name="shortName">vokit stars SCS</meta>
    <meta name="testQuery">
      <meta name="ra">10.0</meta>
      <meta name="dec">20.0</meta>
      <meta name="sr">0.01</meta>
    </meta>
    <publish render="scs.xml" sets="ivo_managed"/>
    <publish render="form" sets="local,ivo_managed"/>
    <scsCore queriedTable="main">
      <FEED source="//scs#coreDescs"/>
      <condDesc buildFrom="vmag"/>
    </scsCore>
  </service>
</resource>
