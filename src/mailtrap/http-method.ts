// The HTTP methods the Mailtrap account API uses; every one but GET changes something.
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
