/** Plain JSON data: what a task's input and a worker's output are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
