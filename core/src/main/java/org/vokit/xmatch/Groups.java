package org.vokit.xmatch;

/**
 * The result of {@link SkyGrouper}: groups of rows from several catalogues, each with at most one
 * row per catalogue, in the order of their first member (catalogue, then row).
 */
public final class Groups {

    private final int tables;
    private final int count;
    private final int[] members;

    /**
     * @param tables the number of catalogues
     * @param count the number of groups
     * @param members group-major row indices ({@code count * tables}), -1 where a group has no row of a
     *     catalogue; used as it is, not copied
     */
    Groups(int tables, int count, int[] members) {
        this.tables = tables;
        this.count = count;
        this.members = members;
    }

    /** @return the number of catalogues */
    public int tables() {
        return tables;
    }

    /** @return the number of groups */
    public int count() {
        return count;
    }

    /**
     * Returns the row of one catalogue in one group.
     *
     * @param group the group index, 0 to {@link #count()} - 1
     * @param table the catalogue index, 0 to {@link #tables()} - 1
     * @return the row index in that catalogue, or -1 when the group has no row of it
     */
    public int member(int group, int table) {
        if (group < 0 || group >= count || table < 0 || table >= tables) {
            throw new IndexOutOfBoundsException("group " + group + " of " + count + ", table " + table + " of " + tables);
        }
        return members[group * tables + table];
    }

    /**
     * @param group the group index
     * @return how many catalogues have a row in it (at least two)
     */
    public int catalogues(int group) {
        int k = 0;
        for (int t = 0; t < tables; t++) {
            if (members[group * tables + t] >= 0) {
                k++;
            }
        }
        return k;
    }
}
