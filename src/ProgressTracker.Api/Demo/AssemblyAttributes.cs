using JasperFx;

// Lets the JasperFx command line find this assembly's commands (seed-demo, token).
[assembly: JasperFxAssembly]
