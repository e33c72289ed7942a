<!-- Site configuration for the vokit local VO: the TAP examples.
Everything not defined here falls back to DaCHS's built-in //userconfig. -->
<resource schema="__system">
  <STREAM id="tapexamples">
    <meta name="_example" title="Cone search in ADQL">
      Stars within six arcminutes of the reference star at RA=10, Dec=20.

      .. tapquery::

        SELECT main_id, ra, dec, vmag
        FROM vostars.main
        WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1))
    </meta>
    <meta name="_example" title="Images in ObsCore">
      All images covering RA=150, Dec=2.2, from the ObsCore table.

      .. tapquery::

        SELECT obs_publisher_did, access_url, em_min, em_max
        FROM ivoa.obscore
        WHERE dataproduct_type='image'
          AND 1=CONTAINS(POINT('ICRS', 150, 2.2), s_region)
    </meta>
    <meta name="_example" title="EPN-TAP hash lists">
      Granules taken with VIRTIS (instrument_name is a hash list).

      .. tapquery::

        SELECT granule_uid, target_name, time_min
        FROM voplanets.epn_core
        WHERE 1=ivo_hashlist_has(instrument_name, 'VIRTIS')
    </meta>
    <meta name="_example" title="RegTAP: TAP services with ObsCore">
      Find TAP access URLs of services that declare the ObsCore data model.

      .. tapquery::

        SELECT ivoid, access_url
        FROM rr.capability
        NATURAL JOIN rr.interface
        NATURAL JOIN rr.res_detail
        WHERE standard_id='ivo://ivoa.net/std/tap'
          AND detail_xpath='/capability/dataModel/@ivo-id'
          AND 1=ivo_nocasematch(detail_value, 'ivo://ivoa.net/std/obscore%')
    </meta>
  </STREAM>
</resource>
