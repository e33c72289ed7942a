package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.dal.DalService;
import org.vokit.dal.scs.ConeService;
import org.vokit.dal.sia.Sia2Query;
import org.vokit.dal.sia.Sia2Service;
import org.vokit.dal.sia.SiaService;
import org.vokit.dal.ssa.SsaService;
import org.vokit.registry.Registry;
import org.vokit.registry.RegistryResource;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.testing.Threads;

/**
 * Who owns the HTTP client, counted in threads against the local VO: a hundred services each
 * used once cost one shared client (at most 20 threads), closing them leaves no thread, and the
 * services a registry opens use the registry's client.
 */
class ServiceThreadsIT {

    private static final String QUERY = "SELECT TOP 1 main_id FROM vostars.main ORDER BY main_id";

    @BeforeAll
    static void vo() throws Exception {
        LocalVo.require();
        // STIL starts a JVM-wide "cleaner" thread for its row stores on first use: start it
        // before any count, it belongs to no service
        try (VoHttp own = VoHttp.newDefault()) {
            TapService.builder(LocalVo.tap()).http(own).build().runSync(QUERY);
            ConeService.of(LocalVo.url("/vostars/q/cone/scs.xml?"), own).search(10, 20, 1);
        }
    }

    @Test
    void aHundredTapServicesUsedOnceAddAtMostTwentyThreadsAndNoneAfterClosing() throws Exception {
        Set<Thread> before = Threads.live();
        String expected;
        try (VoHttp own = VoHttp.newDefault()) {
            // the answer taken independently, through a client of its own
            expected = TapService.builder(LocalVo.tap()).http(own).build().runSync(QUERY).table().getCell(0, 0)
                    .toString();
        }
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).isEmpty();

        List<TapService> services = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TapService tap = TapService.of(LocalVo.tap().toString());
            services.add(tap);
            TapResult r = tap.runSync(QUERY);
            assertThat(r.table().getCell(0, 0)).hasToString(expected);
        }
        List<String> added = Threads.added(before);
        System.out.println("100 TapService.of(...) each used once: " + added.size() + " threads added " + added);
        assertThat(added).as("threads added by 100 services").hasSizeLessThanOrEqualTo(20);

        services.forEach(TapService::close);
        List<String> left = Threads.awaitGone(before, Duration.ofSeconds(5));
        System.out.println("after closing the 100 services: " + left.size() + " threads left " + left);
        assertThat(left).as("threads left after closing every service").isEmpty();
    }

    @Test
    void dalServicesMadeFromAUrlBorrowTheSharedClientAndGiveItBack() throws Exception {
        Set<Thread> before = Threads.live();
        List<DalService> services = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ConeService scs = ConeService.of(LocalVo.url("/vostars/q/cone/scs.xml?").toString());
            SiaService sia = SiaService.of(LocalVo.url("/voimg/q/im/siap.xml?").toString());
            Sia2Service sia2 = Sia2Service.of(LocalVo.url("/voimg/q/siap2/siap2.xml").toString());
            SsaService ssa = SsaService.of(LocalVo.url("/vospec/q/ssa/ssap.xml?").toString());
            services.addAll(List.of(scs, sia, sia2, ssa));
            assertThat(scs.closesHttp()).isTrue();
            assertThat(scs.http().isShared()).isTrue();
            scs.search(10, 20, 1);
            sia.search(10, 20, 1);
            sia2.search(Sia2Query.circle(10, 20, 1));
            ssa.search(10, 20, 1);
        }
        List<String> added = Threads.added(before);
        System.out.println("100 DAL services (SCS, SIA, SIA2, SSA) each used once: " + added.size()
                + " threads added " + added);
        assertThat(added).hasSizeLessThanOrEqualTo(20);

        services.forEach(DalService::close);
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).as("threads left after closing").isEmpty();
    }

    @Test
    void aServiceGivenTheCallersClientLeavesItOpen() throws Exception {
        Set<Thread> before = Threads.live();
        try (VoHttp http = VoHttp.newDefault()) {
            ConeService scs = ConeService.of(LocalVo.url("/vostars/q/cone/scs.xml?"), http);
            TapService tap = TapService.builder(LocalVo.tap()).http(http).build();
            scs.close();
            tap.close();
            assertThat(http.isClosed()).isFalse();
            assertThat(tap.runSync(QUERY).table().getRowCount()).isEqualTo(1);
            assertThat(scs.search(10, 20, 1).size()).isGreaterThanOrEqualTo(0);
        }
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aDownloadAfterItsServiceWasClosedBorrowsTheSharedClient(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        org.vokit.dal.DalResults<org.vokit.dal.sia.SiaRecord> found;
        try (SiaService sia = SiaService.of(LocalVo.url("/voimg/q/im/siap.xml?").toString())) {
            found = sia.search(10, 20, 1);
        }
        org.vokit.dal.sia.SiaRecord first = found.iterator().next();
        Path file = first.download(dir);
        byte[] direct;
        try (VoHttp own = VoHttp.newDefault();
             VoResponse r = own.sendOk(VoRequest.get(first.accessUrl().orElseThrow()), Deadline.in(Duration.ofSeconds(30)))) {
            direct = r.body().readAllBytes();
        }
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(direct);
    }

    @Test
    void aServiceHandedItsOwnClientClosesIt() throws Exception {
        VoHttp http = VoHttp.newDefault();
        try (TapService tap = TapService.builder(LocalVo.tap()).ownHttp(http).build()) {
            tap.runSync(QUERY);
        }
        assertThat(http.isClosed()).isTrue();
    }

    @Test
    void servicesOpenedFromARegistryShareItsClient() throws Exception {
        Set<Thread> before = Threads.live();
        try (Registry registry = Registry.of(LocalVo.tap())) {
            RegistryResource stars = registry.resolve("ivo://vokit.test/vostars/q/cone").orElseThrow();
            RegistryResource images = registry.resolve("ivo://vokit.test/voimg/q/im").orElseThrow();
            for (int i = 0; i < 50; i++) {
                try (ConeService scs = stars.coneService(); TapService tap = stars.tapService();
                     SiaService sia = images.siaService()) {
                    assertThat(scs.http()).isSameAs(registry.http());
                    assertThat(tap.http()).isSameAs(registry.http());
                    assertThat(sia.http()).isSameAs(registry.http());
                    scs.search(10, 20, 0.5);
                }
            }
            assertThat(registry.http().isClosed()).as("closing the services leaves the registry's client open")
                    .isFalse();
            assertThat(Threads.added(before)).hasSizeLessThanOrEqualTo(20);
            assertThat(registry.search(org.vokit.registry.Keywords.of("stars"))).isNotEmpty();
        }
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).as("threads left after closing the registry")
                .isEmpty();
    }
}
