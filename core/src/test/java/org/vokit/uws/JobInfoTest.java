package org.vokit.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;

class JobInfoTest {

    private static JobInfo parse(String resource, URI uri) throws IOException {
        try (InputStream in = JobInfoTest.class.getResourceAsStream(resource)) {
            return JobInfo.parse(in, uri);
        }
    }

    @Test
    void readsADachsPendingJob() throws IOException {
        URI uri = URI.create("http://127.0.0.1:8089/__system__/tap/run/async/b5xd66od");
        JobInfo j = parse("dachs-pending.xml", uri);
        assertThat(j.jobId()).isEqualTo("b5xd66od");
        assertThat(j.phase()).isEqualTo(Phase.PENDING);
        assertThat(j.ownerId()).isNull();
        assertThat(j.startTime()).isNull();
        assertThat(j.executionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(j.destruction()).isEqualTo(Instant.parse("2026-11-25T19:50:56Z"));
        assertThat(j.parameters()).containsEntry("query", "SELECT TOP 1 * FROM vostars.main").containsEntry("maxrec", "");
        assertThat(j.results()).isEmpty();
        assertThat(j.supportsWait()).isTrue();
        assertThat(j.uri()).isEqualTo(uri);
    }

    @Test
    void readsAnUnprefixedUws10ErrorJob() throws IOException {
        URI uri = URI.create("http://example.invalid/tap/async/job42");
        JobInfo j = parse("uws10-error.xml", uri);
        assertThat(j.phase()).isEqualTo(Phase.ERROR);
        assertThat(j.runId()).isEqualTo("nightly");
        assertThat(j.supportsWait()).as("no version attribute: UWS 1.0, no WAIT").isFalse();
        assertThat(j.errorMessage()).isEqualTo("Table 'foo.bar' does not exist");
        assertThat(j.errorHasDetail()).isTrue();
        assertThat(j.startTime()).as("zone-less times are UTC").isEqualTo(Instant.parse("2024-03-01T10:00:00.250Z"));
        assertThat(j.endTime()).isEqualTo(Instant.parse("2024-03-01T09:00:02Z"));
        assertThat(j.executionDuration()).isEqualTo(Duration.ZERO);
        assertThat(j.result("result").orElseThrow().uri())
                .as("relative links resolve against the job URL")
                .isEqualTo(URI.create("http://example.invalid/tap/async/results/result"));
        assertThat(j.result("log").orElseThrow().uri().getHost()).isEqualTo("elsewhere.invalid");
    }

    @Test
    void rejectsDocumentsThatAreNotJobs() {
        byte[] doc = "<jobs xmlns='http://www.ivoa.net/xml/UWS/v1.0'/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JobInfo.parse(new ByteArrayInputStream(doc), URI.create("http://x.invalid/j")))
                .isInstanceOf(FormatException.class).hasMessageContaining("<jobs>").hasMessageContaining("x.invalid");
        byte[] noPhase = "<job><jobId>1</jobId></job>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JobInfo.parse(new ByteArrayInputStream(noPhase), URI.create("http://x.invalid/j")))
                .isInstanceOf(FormatException.class).hasMessageContaining("phase");
    }

    @Test
    void phasesParseLenientlyAndKnowWhetherTheyAreFinal() {
        assertThat(Phase.parse(" executing\n")).isEqualTo(Phase.EXECUTING);
        assertThat(Phase.parse("nonsense")).isEqualTo(Phase.UNKNOWN);
        assertThat(Phase.parse(null)).isEqualTo(Phase.UNKNOWN);
        assertThat(Phase.COMPLETED.isFinal()).isTrue();
        assertThat(Phase.ARCHIVED.isFinal()).isTrue();
        assertThat(Phase.PENDING.isFinal()).isFalse();
        assertThat(Phase.QUEUED.isActive()).isTrue();
        assertThat(Phase.PENDING.isActive()).isFalse();
    }
}
