// The `templates` area (admin): the 8-slot layout and output settings flights are cut with.
export const templateChannels = {};
