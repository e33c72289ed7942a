<resource schema="voimg" resdir="voimg">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit Test Images</meta>
  <meta name="description">
    Thirty small (64 by 64 pixel, 0.01 degree per pixel) made-up FITS images
    in the Johnson B, V and R bands, taken in the sky regions of the vokit
    test star catalogue: a 3x3 mosaic around RA=10, Dec=20 (B and V),
    four fields around RA=150, Dec=2.2 (V and R), one field at RA=266.4,
    Dec=-29 (V and R) and two fields at Dec=-5 on either side of RA=0 (V).
    The pixels show the catalogue stars on a noisy background.  Published
    through SIAP version 1 and 2, ObsCore, Datalink and SODA.
  </meta>
  <meta name="subject">images</meta>
  <meta name="subject">optical-astronomy</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="instrument">VKCam</meta>
  <meta name="facility">vokit test telescope</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="productType">image</meta>

  <table id="main" onDisk="True" mixin="//siap#pgs" adql="True">
    <meta name="description">Metadata of the made-up images.</meta>
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">dl</meta>
      <meta name="idColumn">pub_did</meta>
    </meta>
    <mixin
      calibLevel="2"
      collectionName="'vokit images'"
      targetName="target"
      expTime="exptime"
      facilityName="'vokit test telescope'"
    >//obscore#publishSIAP</mixin>

    <column name="pub_did" type="text" ucd="meta.ref.ivoid"
      tablehead="Dataset ID" verbLevel="1"
      description="Publisher dataset identifier; pass it as ID to the
        datalink and SODA services."/>
    <column name="target" type="text" ucd="meta.id;src"
      tablehead="Field" verbLevel="10"
      description="Name of the field observed."/>
    <column name="exptime" type="real" unit="s" ucd="time.duration;obs.exposure"
      tablehead="T.Exp" verbLevel="10" description="Exposure time."/>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <data id="import">
    <sources pattern="data/*.fits"/>
    <fitsProdGrammar>
      <rowfilter procDef="//products#define">
        <bind key="table">"\schema.main"</bind>
      </rowfilter>
    </fitsProdGrammar>
    <make table="main">
      <rowmaker>
        <apply procDef="//siap#setMeta">
          <bind key="dateObs">parseTimestamp(@DATE_OBS, "%Y-%m-%dT%H:%M:%S")</bind>
          <bind key="bandpassId">@FILTER</bind>
          <bind key="instrument">@INSTRUME</bind>
          <bind key="pixflags">"X"</bind>
          <bind key="title">"vokit {} {}".format(@OBJECT, @FILTER)</bind>
        </apply>
        <apply procDef="//siap#getBandFromFilter"/>
        <apply procDef="//siap#computePGS"/>
        <map key="pub_did">\standardPubDID</map>
        <map key="target">@OBJECT</map>
        <map key="exptime">float(@EXPTIME)</map>
      </rowmaker>
    </make>
  </data>

  <service id="im" allowed="form,siap.xml">
    <meta name="title">vokit Test Images SIAP</meta>
    <meta name="shortName">vokit img SIA</meta>
    <meta name="sia.type">Pointed</meta>
    <meta name="testQuery.pos.ra">10</meta>
    <meta name="testQuery.pos.dec">20</meta>
    <meta name="testQuery.size.ra">0.1</meta>
    <meta name="testQuery.size.dec">0.1</meta>
    <publish render="siap.xml" sets="ivo_managed"/>
    <publish render="form" sets="local,ivo_managed"/>
    <dbCore queriedTable="main">
      <condDesc original="//siap#protoInput"/>
      <condDesc original="//siap#humanInput"/>
      <condDesc buildFrom="bandpassId"/>
    </dbCore>
  </service>

  <service id="siap2" allowed="siap2.xml">
    <meta name="title">vokit Test Images SIAP version 2</meta>
    <meta name="shortName">vokit img SIA2</meta>
    <meta name="sia.type">Pointed</meta>
    <meta name="testQuery.pos.ra">10</meta>
    <meta name="testQuery.pos.dec">20</meta>
    <meta name="testQuery.size.ra">0.1</meta>
    <meta name="testQuery.size.dec">0.1</meta>
    <publish render="siap2.xml" sets="ivo_managed"/>
    <dbCore queriedTable="//obscore#ObsCore">
      <FEED source="//siap2#parameters"/>
      <condDesc combining="True">
        <phraseMaker>
          <code>
            yield "obs_collection = 'vokit images'"
          </code>
        </phraseMaker>
      </condDesc>
    </dbCore>
  </service>

  <service id="dl" allowed="dlget,dlmeta">
    <meta name="title">vokit Test Images Datalink and SODA</meta>
    <meta name="description">Datalink documents and SODA cutouts
      (CIRCLE, POLYGON, POS, PIXEL_n, BAND) for the vokit test images.</meta>
    <meta name="shortName">vokit img DL</meta>
    <datalinkCore>
      <descriptorGenerator procDef="//soda#fits_genDesc" name="genFITSDesc">
        <bind key="accrefPrefix">'voimg/data'</bind>
      </descriptorGenerator>
      <FEED source="//soda#fits_standardDLFuncs"/>
    </datalinkCore>
  </service>
</resource>
