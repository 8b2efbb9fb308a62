// The jest project `postgres`: the service fixtures of this test file put the service on PostgreSQL (testStore.ts).
process.env.GSTD_TEST_STORE = 'postgres';
