extension CommandRegistry {
    /// Every command of the language (Docs: The KeyScript language): the language's control commands, the clock, users and
    /// resources, keys, checks, the catalog and the audit log.
    public static var standard: CommandRegistry {
        var registry = CommandRegistry()
        for spec in ControlCommands.all + ClockCommands.all + AccountCommands.all + KeyCommands.all
            + CheckCommand.all + CatalogCommands.all {
            registry.register(spec)
        }
        return registry
    }
}
