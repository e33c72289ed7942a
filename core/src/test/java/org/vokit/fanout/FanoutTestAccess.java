package org.vokit.fanout;

import java.util.List;

/** Opens package-private helpers of the engine to tests in other packages. */
public final class FanoutTestAccess {

    private FanoutTestAccess() {
    }

    /**
     * @param tasks tasks
     * @return them interleaved over hosts
     */
    public static List<FanoutTask> interleave(List<FanoutTask> tasks) {
        return Fanout.interleaveHosts(tasks);
    }
}
