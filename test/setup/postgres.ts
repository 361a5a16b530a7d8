process.env.TEST_DB_KIND = 'postgres';
// Code outside a test app's runtime logs to standard output at LOG_LEVEL: keep the test output clean.
process.env.LOG_LEVEL ??= 'silent';
