/** A status page component as GET /v1/components/:id gives it. */
export interface ComponentJson {
  status: string;
  reasons: string[];
}

export async function component(statusUrl: string, id: string): Promise<ComponentJson> {
  return (await (await fetch(`${statusUrl}v1/components/${id}`)).json()) as ComponentJson;
}
