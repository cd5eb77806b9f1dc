{
  // One container definition, as every service of this repository writes it.
  container(name, image, port=null):: {
    name: name,
    image: image,
    essential: name != 'log-router',
    [if port != null then 'portMappings']: [{ containerPort: port, protocol: 'tcp' }],
  },
}
