<!-- A RegTAP 1.1 relational registry describing the services of the vokit
local VO.  The hand-written rows come from the CSV files next to this RD
(copied to data/ on import); "@SERVER@" in them is replaced by the
configured server URL.  rr.table_column is derived from TAP_SCHEMA and the
rr.stc_* tables from the data themselves, so they always match what is
served. -->
<resource schema="rr" resdir="rr">
  <meta name="creationDate">2024-06-11T12:00:00Z</meta>
  <meta name="title">vokit local relational registry (RegTAP 1.1)</meta>
  <meta name="description">
    RegTAP 1.1 tables describing the services of the vokit local test VO,
    so that registry clients can be tested without network access.
  </meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator">vokit developers</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="utype">ivo://ivoa.net/std/regtap#1.1</meta>

  <STREAM id="ivoidcol">
    <column name="ivoid" type="text" ucd="meta.ref.ivoid" required="True"
      description="The (lowercased) IVOA identifier of the resource."/>
  </STREAM>

  <table id="resource" onDisk="True" adql="True" primary="ivoid">
    <meta name="description">The resources (services, tables, authorities)
      in this registry.</meta>
    <FEED source="ivoidcol"/>
    <column name="res_type" type="text" ucd="meta.code" description="Resource type (vs:catalogservice, vs:catalogresource, vg:authority...)."/>
    <column name="created" type="timestamp" ucd="time.creation" description="Creation date of the resource record."/>
    <column name="short_name" type="text" ucd="meta.id" description="A short name for the resource."/>
    <column name="res_title" type="text" ucd="meta.title" description="The full title of the resource."/>
    <column name="updated" type="timestamp" ucd="time.processing" description="Last update of the resource record."/>
    <column name="content_level" type="text" ucd="meta.code" description="Hash-separated intended audiences."/>
    <column name="res_description" type="text" ucd="meta.note" description="An account of the nature of the resource."/>
    <column name="reference_url" type="text" ucd="meta.ref.url" description="URL of human-readable documentation."/>
    <column name="creator_seq" type="text" ucd="meta.bib.author" description="Creators, separated by semicolons."/>
    <column name="content_type" type="text" ucd="meta.code" description="Hash-separated content types."/>
    <column name="source_format" type="text" ucd="meta.code.class" description="Format of source_value (e.g. bibcode)."/>
    <column name="source_value" type="text" ucd="meta.bib" description="Bibliographic source of the resource."/>
    <column name="res_version" type="text" ucd="meta.version" description="Version of the resource."/>
    <column name="region_of_regard" type="real" unit="deg" ucd="pos.angResolution" description="Typical positional resolution."/>
    <column name="waveband" type="text" ucd="instr.bandpass" description="Hash-separated wavebands covered."/>
    <column name="rights" type="text" ucd="meta.note" description="Usage conditions."/>
    <column name="rights_uri" type="text" ucd="meta.ref.url" description="URI of the licence."/>
    <column name="harvested_from" type="text" ucd="meta.ref.ivoid" description="IVOID of the registry the record came from."/>
  </table>

  <table id="res_subject" onDisk="True" adql="True">
    <meta name="description">Subject keywords of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="res_subject" type="text" ucd="meta.keyword" description="A keyword."/>
  </table>

  <table id="res_role" onDisk="True" adql="True">
    <meta name="description">Publishers, creators, contributors and
      contacts of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="role_name" type="text" ucd="meta.id" description="Name of the person or organisation."/>
    <column name="role_ivoid" type="text" ucd="meta.ref.ivoid" description="IVOID of the entity."/>
    <column name="street_address" type="text" ucd="meta.note" description="Postal address (contacts only)."/>
    <column name="email" type="text" ucd="meta.ref.url;meta.email" description="Email address (contacts only)."/>
    <column name="telephone" type="text" ucd="meta.note" description="Telephone number (contacts only)."/>
    <column name="logo" type="text" ucd="meta.ref.url" description="URL of a logo."/>
    <column name="base_role" type="text" ucd="meta.code" description="One of contact, publisher, contributor, creator."/>
  </table>

  <table id="capability" onDisk="True" adql="True" primary="ivoid,cap_index">
    <meta name="description">The capabilities (protocol endpoints) of
      the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="cap_index" type="smallint" ucd="meta.id" required="True" description="Index of the capability within the resource."/>
    <column name="cap_type" type="text" ucd="meta.code" description="Type of the capability."/>
    <column name="cap_description" type="text" ucd="meta.note" description="Description of the capability."/>
    <column name="standard_id" type="text" ucd="meta.ref.ivoid" description="IVOID of the standard implemented."/>
  </table>

  <table id="interface" onDisk="True" adql="True" primary="ivoid,intf_index">
    <meta name="description">Interfaces (access URLs) of the
      capabilities.</meta>
    <FEED source="ivoidcol"/>
    <column name="cap_index" type="smallint" ucd="meta.id" description="Index of the parent capability.">
      <values nullLiteral="-1"/>
    </column>
    <column name="intf_index" type="smallint" ucd="meta.id" required="True" description="Index of the interface within the resource."/>
    <column name="intf_type" type="text" ucd="meta.code" description="Interface type (vs:paramhttp, vr:webbrowser...)."/>
    <column name="intf_role" type="text" ucd="meta.code" description="std for standard interfaces."/>
    <column name="std_version" type="text" ucd="meta.version" description="Version of the standard interface."/>
    <column name="query_type" type="text" ucd="meta.code" description="Hash-separated HTTP methods."/>
    <column name="result_type" type="text" ucd="meta.code.mime" description="MIME type of the response."/>
    <column name="wsdl_url" type="text" ucd="meta.ref.url" description="WSDL location (unused)."/>
    <column name="url_use" type="text" ucd="meta.code" description="base, full or dir."/>
    <column name="access_url" type="text" ucd="meta.ref.url" description="The URL of the interface."/>
    <column name="mirror_url" type="text" ucd="meta.ref.url" description="Hash-separated mirror URLs."/>
    <column name="authenticated_only" type="smallint" ucd="meta.code" description="1 if only authenticated clients are served.">
      <values nullLiteral="-1"/>
    </column>
  </table>

  <table id="intf_param" onDisk="True" adql="True">
    <meta name="description">Input parameters of the interfaces.</meta>
    <FEED source="ivoidcol"/>
    <column name="intf_index" type="smallint" ucd="meta.id" description="Index of the interface.">
      <values nullLiteral="-1"/>
    </column>
    <column name="name" type="text" ucd="meta.id" description="Parameter name."/>
    <column name="ucd" type="text" ucd="meta.ucd" description="UCD of the parameter."/>
    <column name="unit" type="text" ucd="meta.unit" description="Unit of the parameter."/>
    <column name="utype" type="text" ucd="meta.utype" description="Utype of the parameter."/>
    <column name="std" type="smallint" ucd="meta.code" description="1 if defined by the standard.">
      <values nullLiteral="-1"/>
    </column>
    <column name="datatype" type="text" ucd="meta.code" description="Data type."/>
    <column name="extended_schema" type="text" ucd="meta.code" description="Schema of the extended type."/>
    <column name="extended_type" type="text" ucd="meta.code" description="Extended (x)type."/>
    <column name="arraysize" type="text" ucd="meta.code" description="VOTable arraysize."/>
    <column name="delim" type="text" ucd="meta.code" description="Array delimiter."/>
    <column name="param_use" type="text" ucd="meta.code" description="required, optional or ignored."/>
    <column name="param_description" type="text" ucd="meta.note" description="Description of the parameter."/>
  </table>

  <table id="res_detail" onDisk="True" adql="True">
    <meta name="description">Further metadata as xpath/value pairs.</meta>
    <FEED source="ivoidcol"/>
    <column name="cap_index" type="smallint" ucd="meta.id" description="Parent capability, NULL for the whole resource.">
      <values nullLiteral="-1"/>
    </column>
    <column name="detail_xpath" type="text" ucd="meta.code" description="The xpath of the item."/>
    <column name="detail_value" type="text" ucd="meta.note" description="The value."/>
  </table>

  <table id="res_schema" onDisk="True" adql="True">
    <meta name="description">Schemas (table sets) of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="schema_index" type="smallint" ucd="meta.id" description="Index of the schema.">
      <values nullLiteral="-1"/>
    </column>
    <column name="schema_description" type="text" ucd="meta.note" description="Description of the schema."/>
    <column name="schema_name" type="text" ucd="meta.id" description="Name of the schema."/>
    <column name="schema_title" type="text" ucd="meta.title" description="Title of the schema."/>
    <column name="schema_utype" type="text" ucd="meta.utype" description="Data model of the schema."/>
  </table>

  <table id="res_table" onDisk="True" adql="True">
    <meta name="description">Tables of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="schema_index" type="smallint" ucd="meta.id" description="Index of the schema the table belongs to.">
      <values nullLiteral="-1"/>
    </column>
    <column name="table_description" type="text" ucd="meta.note" description="Description of the table."/>
    <column name="table_name" type="text" ucd="meta.id" description="Fully qualified (lowercase) table name."/>
    <column name="table_index" type="smallint" ucd="meta.id" description="Index of the table within the resource.">
      <values nullLiteral="-1"/>
    </column>
    <column name="table_title" type="text" ucd="meta.title" description="Title of the table."/>
    <column name="table_type" type="text" ucd="meta.code" description="base_table, view or output."/>
    <column name="table_utype" type="text" ucd="meta.utype" description="Data model of the table."/>
    <column name="nrows" type="bigint" ucd="meta.number" description="Approximate number of rows.">
      <values nullLiteral="-1"/>
    </column>
  </table>

  <table id="table_column" onDisk="True" adql="True">
    <meta name="description">Columns of the tables (derived from
      TAP_SCHEMA on import).</meta>
    <FEED source="ivoidcol"/>
    <column name="table_index" type="smallint" ucd="meta.id" description="Index of the table.">
      <values nullLiteral="-1"/>
    </column>
    <column name="name" type="text" ucd="meta.id" description="Column name."/>
    <column name="ucd" type="text" ucd="meta.ucd" description="UCD of the column."/>
    <column name="unit" type="text" ucd="meta.unit" description="Unit of the column."/>
    <column name="utype" type="text" ucd="meta.utype" description="Utype of the column."/>
    <column name="std" type="smallint" ucd="meta.code" description="1 if defined by a standard.">
      <values nullLiteral="-1"/>
    </column>
    <column name="datatype" type="text" ucd="meta.code" description="Data type."/>
    <column name="extended_schema" type="text" ucd="meta.code" description="Schema of the extended type."/>
    <column name="extended_type" type="text" ucd="meta.code" description="Extended (x)type."/>
    <column name="arraysize" type="text" ucd="meta.code" description="VOTable arraysize."/>
    <column name="delim" type="text" ucd="meta.code" description="Array delimiter."/>
    <column name="type_system" type="text" ucd="meta.code" description="Type system (vs:taptype)."/>
    <column name="flag" type="text" ucd="meta.code" description="Hash-separated flags (indexed, primary, nullable)."/>
    <column name="column_description" type="text" ucd="meta.note" description="Description of the column."/>
  </table>

  <table id="alt_identifier" onDisk="True" adql="True">
    <meta name="description">Alternative identifiers (DOIs).</meta>
    <FEED source="ivoidcol"/>
    <column name="alt_identifier" type="text" ucd="meta.ref.uri" description="An alternative identifier in URI form."/>
  </table>

  <table id="relationship" onDisk="True" adql="True">
    <meta name="description">Relationships between resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="relationship_type" type="text" ucd="meta.code" description="Type of the relationship."/>
    <column name="related_id" type="text" ucd="meta.ref.ivoid" description="IVOID of the related resource."/>
    <column name="related_name" type="text" ucd="meta.id" description="Name of the related resource."/>
  </table>

  <table id="res_date" onDisk="True" adql="True">
    <meta name="description">Dates in the life cycle of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="date_value" type="timestamp" ucd="time.epoch" description="The date."/>
    <column name="value_role" type="text" ucd="meta.code" description="What the date refers to."/>
  </table>

  <table id="validation" onDisk="True" adql="True">
    <meta name="description">Validation levels.</meta>
    <FEED source="ivoidcol"/>
    <column name="validated_by" type="text" ucd="meta.ref.ivoid" description="Who validated."/>
    <column name="val_level" type="smallint" ucd="meta.code.qual" description="Validation level (0..4).">
      <values nullLiteral="-1"/>
    </column>
    <column name="cap_index" type="smallint" ucd="meta.id" description="Validated capability, NULL for all.">
      <values nullLiteral="-1"/>
    </column>
  </table>

  <table id="stc_spatial" onDisk="True" adql="True">
    <meta name="description">Spatial coverage of the resources as MOCs
      (computed from the data on import).</meta>
    <FEED source="ivoidcol"/>
    <column name="coverage" type="smoc" ucd="pos.outline;obs" description="Sky coverage (MOC)."/>
    <column name="ref_system_name" type="text" ucd="meta.code" description="Reference system of the coverage."/>
  </table>

  <table id="stc_spectral" onDisk="True" adql="True">
    <meta name="description">Spectral coverage of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="spectral_start" type="double precision" unit="J" ucd="em.energy;stat.min" description="Lower limit of the covered energies."/>
    <column name="spectral_end" type="double precision" unit="J" ucd="em.energy;stat.max" description="Upper limit of the covered energies."/>
  </table>

  <table id="stc_temporal" onDisk="True" adql="True">
    <meta name="description">Temporal coverage of the resources.</meta>
    <FEED source="ivoidcol"/>
    <column name="time_start" type="double precision" unit="d" ucd="time.start;obs" description="Start of the covered time span (MJD)."/>
    <column name="time_end" type="double precision" unit="d" ucd="time.end;obs" description="End of the covered time span (MJD)."/>
  </table>

  <!-- the hand-written tables: one data item per CSV file -->
  <LOOP listItems="resource res_subject res_role capability interface
      intf_param res_detail res_schema res_table alt_identifier
      relationship res_date validation">
    <events>
      <data id="import_\item">
        <sources pattern="data/\item.csv"/>
        <csvGrammar enc="utf-8">
          <rowfilter>
            <code>
              server = base.getConfig("web", "serverURL")
              marker = chr(64) + "SERVER" + chr(64)
              for key, value in list(row.items()):
                if isinstance(value, str):
                  value = value.strip()
                  if value=="":
                    value = None
                  else:
                    value = value.replace(marker, server)
                  row[key] = value
              yield row
            </code>
          </rowfilter>
        </csvGrammar>
        <make table="\item"/>
      </data>
    </events>
  </LOOP>

  <!-- derived tables; these run after the CSV imports -->
  <!-- the quirk service ivo://vokit.test/quirks/delimited lists two tables
  under names DaCHS does not have (the test front maps them back when it
  forwards queries); their columns are those of the tables behind them -->
  <data id="make_table_column">
    <make table="table_column">
      <script type="postCreation" lang="SQL" name="fill from TAP_SCHEMA">
        INSERT INTO \curtable (ivoid, table_index, name, ucd, unit, utype,
          std, datatype, extended_schema, extended_type, arraysize, delim,
          type_system, flag, column_description)
        SELECT t.ivoid, t.table_index, LOWER(c.column_name),
          LOWER(NULLIF(c.ucd, '')), NULLIF(c.unit, ''),
          LOWER(NULLIF(c.utype, '')), c.std, LOWER(c.datatype), NULL,
          NULLIF(c.xtype, ''), NULLIF(c.arraysize, ''), NULL, 'vs:taptype',
          CASE WHEN c.indexed=1 THEN 'indexed' ELSE NULL END,
          NULLIF(c.description, '')
        FROM rr.res_table AS t
        JOIN tap_schema.columns AS c ON LOWER(c.table_name)=COALESCE(
          (SELECT a.served FROM (VALUES
            ('"J/vokit/Stars"', 'vostars.main'),
            ('Quirky.Star Numbers', 'voquirks.int_ids')) AS a(listed, served)
            WHERE a.listed=t.table_name),
          t.table_name)
      </script>
    </make>
  </data>

  <data id="make_stc">
    <make table="stc_spatial">
      <script type="postCreation" lang="SQL" name="compute coverage">
        INSERT INTO \curtable (ivoid, coverage, ref_system_name)
        SELECT 'ivo://vokit.test/vostars/q/cone',
          SUM(smoc(6, spoint(RADIANS(ra), RADIANS(dec)))), 'ICRS'
          FROM vostars.main
        UNION ALL
        SELECT 'ivo://vokit.test/voimg/q/im', SUM(smoc(7, coverage)), 'ICRS'
          FROM voimg.main
        UNION ALL
        SELECT 'ivo://vokit.test/vospec/q/ssa',
          SUM(smoc(7, ssa_location)), 'ICRS' FROM vospec.data
        UNION ALL
        SELECT 'ivo://vokit.test/__system__/obscore/obscore',
          SUM(smoc(7, s_region)), 'ICRS' FROM ivoa.obscore
        UNION ALL
        SELECT 'ivo://vokit.test/tap', SUM(c), 'ICRS' FROM (
          SELECT smoc(6, spoint(RADIANS(ra), RADIANS(dec))) AS c
            FROM vostars.main
          UNION ALL SELECT smoc(7, s_region) FROM ivoa.obscore) AS q
      </script>
    </make>
    <make table="stc_spectral">
      <script type="postCreation" lang="SQL" name="compute spectral coverage">
        <!-- E = hc/lambda; hc = 1.98644586e-25 J m -->
        INSERT INTO \curtable (ivoid, spectral_start, spectral_end)
        SELECT 'ivo://vokit.test/voimg/q/im',
          1.98644586e-25/MAX(em_max), 1.98644586e-25/MIN(em_min)
          FROM ivoa.obscore WHERE obs_collection='vokit images'
        UNION ALL
        SELECT 'ivo://vokit.test/vospec/q/ssa',
          1.98644586e-25/MAX(em_max), 1.98644586e-25/MIN(em_min)
          FROM ivoa.obscore WHERE obs_collection='vokit spectra'
        UNION ALL
        SELECT 'ivo://vokit.test/__system__/obscore/obscore',
          1.98644586e-25/MAX(em_max), 1.98644586e-25/MIN(em_min)
          FROM ivoa.obscore
        UNION ALL
        SELECT 'ivo://vokit.test/vostars/q/cone',
          1.98644586e-25/2.2e-6, 1.98644586e-25/0.36e-6
      </script>
    </make>
    <make table="stc_temporal">
      <script type="postCreation" lang="SQL" name="compute temporal coverage">
        INSERT INTO \curtable (ivoid, time_start, time_end)
        SELECT 'ivo://vokit.test/voimg/q/im', MIN(t_min), MAX(t_max)
          FROM ivoa.obscore WHERE obs_collection='vokit images'
        UNION ALL
        SELECT 'ivo://vokit.test/vospec/q/ssa', MIN(t_min), MAX(t_max)
          FROM ivoa.obscore WHERE obs_collection='vokit spectra'
        UNION ALL
        SELECT 'ivo://vokit.test/__system__/obscore/obscore',
          MIN(t_min), MAX(t_max) FROM ivoa.obscore
        UNION ALL
        SELECT 'ivo://vokit.test/voplanets/q/epn_core',
          MIN(time_min)-2400000.5, MAX(time_max)-2400000.5
          FROM voplanets.epn_core
      </script>
    </make>
  </data>
</resource>
