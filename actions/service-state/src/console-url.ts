// The ECS console page of a service (its health tab), for summaries and logs.
export function serviceConsoleUrl(region: string, cluster: string, service: string): string {
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/health?region=${r}`;
}
