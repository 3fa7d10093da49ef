extension CommandRegistry {
    /// Every command of the language (Docs: The KeyScript language): the language's control commands, the clock, users and
    /// resources, keys, checks, the catalog (with OpenAPI import and export) and the audit log.
    public static var standard: CommandRegistry {
        var registry = CommandRegistry()
        for spec in ControlCommands.all + ClockCommands.all + AccountCommands.all + KeyCommands.all
            + CheckCommand.all + CatalogCommands.all + OpenAPICommands.all
        {
            registry.register(spec)
        }
        return registry
    }
}
