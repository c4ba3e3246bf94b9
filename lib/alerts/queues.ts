// The alert worker's pg-boss queue names (kept apart so the dashboard does not import pg-boss).
export const QUEUES = { fanout: "alert-fanout", email: "alert-email", delivery: "alert-delivery" } as const;
