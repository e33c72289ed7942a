<resource schema="vospec" resdir="vospec">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit Test Spectra</meta>
  <meta name="description">
    Thirty made-up one-dimensional optical spectra (4000 to 6000 Angstrom,
    1001 points) of stars from the vokit test star catalogue, each a
    black-body-like continuum with four absorption lines.  Published
    through SSAP (with the non-standard parameters TEFF and SNR), ObsCore,
    Datalink and SODA (BAND cutouts, flux calibration and format
    conversion).
  </meta>
  <meta name="subject">spectroscopy</meta>
  <meta name="subject">stellar-spectra</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="instrument">VKSpec</meta>
  <meta name="facility">vokit test telescope</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="ssap.dataSource">pointed</meta>
  <meta name="ssap.creationType">archival</meta>
  <meta name="productType">spectrum</meta>
  <meta name="ssap.testQuery">MAXREC=1</meta>

  <table id="raw_data" onDisk="True" adql="hidden" namePath="//ssap#instance">
    <LOOP listItems="ssa_dateObs ssa_dstitle ssa_targname ssa_length
        ssa_specstart ssa_specend ssa_specres ssa_timeExt">
      <events>
        <column original="\item"/>
      </events>
    </LOOP>
    <mixin>//products#table</mixin>
    <mixin>//ssap#plainlocation</mixin>
    <mixin>//ssap#simpleCoverage</mixin>
    <FEED source="//scs#splitPosIndex"
      long="degrees(long(ssa_location))"
      lat="degrees(lat(ssa_location))"/>

    <column name="teff" type="real" unit="K" ucd="phys.temperature.effective"
      tablehead="T_eff" verbLevel="15"
      description="Effective temperature of the (made-up) star."/>
    <column name="snr" type="real" ucd="stat.snr"
      tablehead="S/N" verbLevel="15"
      description="Signal-to-noise ratio of the spectrum."/>
    <column name="datalink" type="text" ucd="meta.ref.url"
      tablehead="Datalink" verbLevel="15" displayHint="type=url"
      description="A link to a datalink document for this spectrum.">
      <property name="targetType"
        >application/x-votable+xml;content=datalink</property>
      <property name="targetTitle">Datalink</property>
    </column>
  </table>

  <data id="import">
    <recreateAfter>make_view</recreateAfter>
    <sources pattern="data/*.fits"/>
    <fitsProdGrammar qnd="True">
      <rowfilter procDef="//products#define">
        <bind key="table">"\schema.raw_data"</bind>
        <bind key="path">\fullDLURL{sdl}</bind>
        <bind key="fsize">40000</bind>
        <bind key="mime">"application/x-votable+xml"</bind>
        <bind key="preview">None</bind>
      </rowfilter>
    </fitsProdGrammar>
    <make table="raw_data">
      <rowmaker idmaps="*">
        <var key="specAx">getWCSAxis(@header_, 1)</var>
        <apply procDef="//ssap#fill-plainlocation">
          <bind key="ra">float(@RA)</bind>
          <bind key="dec">float(@DEC)</bind>
          <bind key="aperture">1/3600.</bind>
        </apply>
        <map key="ssa_dateObs">dateTimeToMJD(parseTimestamp(@DATE_OBS,
          "%Y-%m-%dT%H:%M:%S"))</map>
        <map key="ssa_dstitle">"vokit spectrum of {}".format(@OBJECT)</map>
        <map key="ssa_targname">@OBJECT</map>
        <map key="ssa_specstart">@specAx.pixToPhys(1)*1e-10</map>
        <map key="ssa_specend"
          >@specAx.pixToPhys(@specAx.axisLength)*1e-10</map>
        <map key="ssa_length">@specAx.axisLength</map>
        <map key="ssa_timeExt">float(@EXPTIME)</map>
        <map key="ssa_specres">2e-10</map>
        <map key="teff">float(@TEFF)</map>
        <map key="snr">float(@SNR)</map>
        <map key="datalink">\dlMetaURI{sdl}</map>
      </rowmaker>
    </make>
  </data>

  <table id="data" onDisk="True" adql="True">
    <meta name="description">SSA metadata of the made-up spectra.</meta>
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">sdl</meta>
      <meta name="idColumn">ssa_pubDID</meta>
    </meta>
    <mixin
      sourcetable="raw_data"
      copiedcolumns="*"
      ssa_aperture="1/3600."
      ssa_fluxunit="'erg.s**-1.cm**-2.Angstrom**-1'"
      ssa_spectralunit="'Angstrom'"
      ssa_bandpass="'Optical'"
      ssa_collection="'vokit spectra'"
      ssa_fluxcalib="'ABSOLUTE'"
      ssa_fluxucd="'phot.flux.density;em.wl'"
      ssa_speccalib="'ABSOLUTE'"
      ssa_spectralucd="'em.wl'"
      ssa_targclass="'star'"
      ssa_snr="snr"
    >//ssap#view</mixin>
    <mixin
      calibLevel="2"
      coverage="ssa_region"
      sResolution="ssa_spaceres"
      oUCD="ssa_fluxucd"
      emUCD="ssa_spectralucd"
      facilityName="'vokit test telescope'"
    >//obscore#publishSSAPMIXC</mixin>
  </table>

  <data id="make_view" auto="False">
    <make table="data"/>
  </data>

  <coverage>
    <updater sourceTable="data"/>
  </coverage>

  <table id="instance" onDisk="False">
    <mixin ssaTable="data"
      spectralDescription="Wavelength"
      fluxDescription="Flux density"
      >//ssap#sdm-instance</mixin>
    <meta name="description">A made-up stellar spectrum.</meta>
  </table>

  <data id="build_spectrum">
    <embeddedGrammar>
      <iterator>
        <code>
          from gavo.utils import pyfits
          sourcePath = os.path.join(
            base.getConfig("inputsDir"),
            urllib.parse.unquote(
              self.sourceToken["ssa_pubDID"].split('?', 1)[-1]))
          hdu = pyfits.open(sourcePath)[0]
          hdr = hdu.header
          for index, flux in enumerate(hdu.data):
            yield {
              "spectral": hdr["CRVAL1"]
                + (index + 1 - hdr["CRPIX1"]) * hdr["CDELT1"],
              "flux": float(flux)}
        </code>
      </iterator>
    </embeddedGrammar>
    <make table="instance">
      <parmaker>
        <apply procDef="//ssap#feedSSAToSDM"/>
      </parmaker>
    </make>
  </data>

  <service id="sdl" allowed="dlget,dlmeta">
    <meta name="title">vokit Test Spectra Datalink and SODA</meta>
    <meta name="description">Datalink documents and SODA processing (BAND
      cutouts, FLUXCALIB, FORMAT) for the vokit test spectra.</meta>
    <meta name="shortName">vokit spec DL</meta>
    <datalinkCore>
      <descriptorGenerator procDef="//soda#sdm_genDesc">
        <bind key="ssaTD">"\rdId#data"</bind>
      </descriptorGenerator>
      <dataFunction procDef="//soda#sdm_genData">
        <bind key="builder">"\rdId#build_spectrum"</bind>
      </dataFunction>
      <FEED source="//soda#sdm_plainfluxcalib"/>
      <FEED source="//soda#sdm_cutout"/>
      <FEED source="//soda#sdm_format"/>
    </datalinkCore>
  </service>

  <service id="ssa" allowed="form,ssap.xml">
    <meta name="title">vokit Test Spectra SSAP</meta>
    <meta name="shortName">vokit spec SSA</meta>
    <meta name="ssap.complianceLevel">full</meta>
    <publish render="ssap.xml" sets="ivo_managed"/>
    <ssapCore queriedTable="data">
      <FEED source="//ssap#hcd_condDescs"/>
      <condDesc>
        <inputKey original="data.teff" name="TEFF" type="text" xtype=""
          multiplicity="single"
          description="Effective temperature of the star in K.  This is a
            non-standard parameter; it takes PQL syntax, e.g., 5000/10000
            for a range, 5000/ for a lower limit."/>
        <phraseMaker procDef="//pql#floatParameter">
          <bind name="consCol">"teff"</bind>
        </phraseMaker>
      </condDesc>
    </ssapCore>
  </service>
</resource>
