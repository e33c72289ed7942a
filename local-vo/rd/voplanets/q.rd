<resource schema="voplanets" resdir="voplanets">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit Test Planetary Observations (EPN-TAP)</meta>
  <meta name="description">
    Thirty-six made-up planetary-science granules (images, spectra and
    spectral cubes of planets, moons, dwarf planets, an asteroid and a
    comet) in an EPN-TAP 2.0 table, for testing EPN-TAP clients.  There are
    no data files behind the rows.
  </meta>
  <meta name="subject">planetary-science</meta>
  <meta name="subject">solar-system-astronomy</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="instrument">various made-up instruments</meta>
  <meta name="facility">various made-up missions</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="coverage.waveband">Infrared</meta>

  <table id="epn_core" onDisk="True" adql="True">
    <meta name="description">The EPN-TAP 2.0 core table of the vokit
      test VO.</meta>
    <publish sets="local,ivo_managed"/>
    <mixin
      spatial_frame_type="body"
      optional_columns="target_region bib_reference publisher
        spatial_coordinate_description time_scale"
      >//epntap2#table-2_0</mixin>
  </table>

  <data id="import">
    <sources pattern="data/epn.csv"/>
    <csvGrammar enc="utf-8"/>
    <make table="epn_core">
      <rowmaker idmaps="*">
        <apply procDef="//epntap2#populate-2_0" name="fillepn">
          <bind key="granule_uid">@granule_uid</bind>
          <bind key="granule_gid">@granule_gid</bind>
          <bind key="obs_id">@obs_id</bind>
          <bind key="dataproduct_type">@dataproduct_type</bind>
          <bind key="target_name">@target_name</bind>
          <bind key="target_class">@target_class</bind>
          <bind key="target_region">@target_region</bind>
          <bind key="time_min">float(@time_min)</bind>
          <bind key="time_max">float(@time_max)</bind>
          <bind key="time_scale">"UTC"</bind>
          <bind key="time_exp_min">float(@time_exp)</bind>
          <bind key="time_exp_max">float(@time_exp)</bind>
          <bind key="spectral_range_min">float(@spectral_range_min)</bind>
          <bind key="spectral_range_max">float(@spectral_range_max)</bind>
          <bind key="c1min">float(@c1min)</bind>
          <bind key="c1max">float(@c1max)</bind>
          <bind key="c2min">float(@c2min)</bind>
          <bind key="c2max">float(@c2max)</bind>
          <bind key="incidence_min">float(@incidence)</bind>
          <bind key="incidence_max">float(@incidence)</bind>
          <bind key="emergence_min">float(@emergence)</bind>
          <bind key="emergence_max">float(@emergence)</bind>
          <bind key="phase_min">float(@phase)</bind>
          <bind key="phase_max">float(@phase)</bind>
          <bind key="instrument_host_name">@instrument_host_name</bind>
          <bind key="instrument_name">@instrument_name</bind>
          <bind key="processing_level">int(@processing_level)</bind>
          <bind key="measurement_type">@measurement_type</bind>
          <bind key="creation_date">"2024-06-11T12:00:00"</bind>
          <bind key="modification_date">"2024-06-11T12:00:00"</bind>
          <bind key="release_date">"2024-06-11T12:00:00"</bind>
          <bind key="service_title">"vokit_epn"</bind>
        </apply>
        <map key="bib_reference">"2024vokit.test....1X"</map>
        <map key="publisher">"vokit test VO"</map>
        <map key="spatial_coordinate_description"
          >"IAU_" + @target_name.upper()</map>
      </rowmaker>
    </make>
  </data>
</resource>
