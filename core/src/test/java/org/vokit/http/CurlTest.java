package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurlTest {

    @Test
    void formPostsQuoteValuesForTheShell() {
        String c = Curl.command("POST", URI.create("http://h.invalid/tap/sync"),
                List.of(new Param("QUERY", "SELECT 'it''s' FROM t"), new Param("LANG", "ADQL")), List.of());
        assertThat(c).isEqualTo("curl -s --data-urlencode 'QUERY=SELECT '\\''it'\\'''\\''s'\\'' FROM t' "
                + "--data-urlencode 'LANG=ADQL' 'http://h.invalid/tap/sync'");
    }

    @Test
    void getsDeletesAndMultipartsUseTheRightFlags() {
        assertThat(Curl.command("GET", URI.create("http://h.invalid/j"), List.of(new Param("WAIT", "5")), List.of()))
                .startsWith("curl -s -G --data-urlencode 'WAIT=5'");
        assertThat(Curl.command("DELETE", URI.create("http://h.invalid/j"), List.of(), List.of()))
                .isEqualTo("curl -s -X DELETE 'http://h.invalid/j'");
        assertThat(Curl.command("POST", URI.create("http://h.invalid/s"), List.of(new Param("UPLOAD", "t,param:t")),
                List.of("t=@t.vot"))).isEqualTo("curl -s -F 'UPLOAD=t,param:t' -F 't=@t.vot' 'http://h.invalid/s'");
    }

    @Test
    void queryStringsAreAppendedAndEncoded() {
        assertThat(VoHttp.withQuery(URI.create("http://h.invalid/a?x=1"), List.of(new Param("q", "a b&c"))))
                .isEqualTo(URI.create("http://h.invalid/a?x=1&q=a+b%26c"));
        assertThat(VoHttp.withQuery(URI.create("http://h.invalid/a"), List.of())).isEqualTo(URI.create("http://h.invalid/a"));
    }
}
