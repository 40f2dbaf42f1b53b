package dev.walletbackup.progress;

/**
 * Progress of a long run (wallet creation, backup, deep verify, restore), shown to an operator at a terminal. The
 * work reports rows as it goes; what is shown, and whether anything is, is the implementation's business.
 */
public interface Progress {
    /** Shows nothing: the service, scripts, {@code --json}, and any output that is not a terminal. */
    Progress NONE = (what, total) -> Task.NONE;

    /**
     * Starts a task.
     *
     * @param what  what the rows are for, shown first ("restore: applying")
     * @param total the rows expected, or 0 when unknown (then no estimate of the time left is shown)
     */
    Task start(String what, long total);

    /** One task: rows done so far. Cheap enough to call once per row. */
    interface Task extends AutoCloseable {
        Task NONE = new Task() {
            @Override
            public void advance(long rows) {
            }

            @Override
            public void close() {
            }
        };

        void advance(long rows);

        /** The task is over (successfully or not): the line is finished. */
        @Override
        void close();
    }
}
