import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Role } from '../../../../shared/api/roles';
import { IconArrowDown, IconArrowUp, IconPencil, IconTrash, IconGroups } from '../../components/icons';

interface RolesTableProps {
  readonly roles: ReadonlyArray<Role>;
  readonly onRename: (r: Role) => void;
  readonly onDelete: (r: Role) => void;
  readonly onEditGroups: (r: Role) => void;
  readonly onMove: (r: Role, position: number) => void;
}

function IdpGroups({ role, onEdit }: { readonly role: Role; readonly onEdit: () => void }) {
  return (
    <Group gap={4} wrap="wrap">
      {role.idpGroups.map((g) => (
        <Badge key={g} size="sm" variant="light" color="indigo" radius="sm" tt="none">
          {g}
        </Badge>
      ))}
      <Tooltip label="Choose the IdP groups that give this role" withArrow>
        <ActionIcon type="button" variant="subtle" size="sm" onClick={onEdit} aria-label={`IdP groups of role ${role.name}`}>
          <IconGroups size={15} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** The roles in the order they are tried, with the IdP groups that give each. */
export function RolesTable({ roles, onRename, onDelete, onEditGroups, onMove }: RolesTableProps) {
  return (
    <Table striped highlightOnHover withTableBorder aria-label="Roles">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>Order</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>IdP groups</Table.Th>
          <Table.Th w={80} ta="right">
            Members
          </Table.Th>
          <Table.Th w={72}>Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roles.map((role, index) => (
          <Table.Tr key={role.id}>
            <Table.Td>
              <Group gap={0} wrap="nowrap">
                <ActionIcon type="button" variant="subtle" size="sm" disabled={index === 0} onClick={() => onMove(role, index - 1)} aria-label={`Move role ${role.name} up`}>
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon type="button" variant="subtle" size="sm" disabled={index === roles.length - 1} onClick={() => onMove(role, index + 1)} aria-label={`Move role ${role.name} down`}>
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {role.name}
                </Text>
                {role.isBuiltin ? (
                  <Badge size="xs" variant="light" color="gray">
                    built-in
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <IdpGroups role={role} onEdit={() => onEditGroups(role)} />
            </Table.Td>
            <Table.Td ta="right">{role.memberCount}</Table.Td>
            <Table.Td>
              {role.isBuiltin ? null : (
                <Group gap={2} wrap="nowrap">
                  <ActionIcon type="button" variant="subtle" size="sm" onClick={() => onRename(role)} aria-label={`Rename role ${role.name}`}>
                    <IconPencil size={15} />
                  </ActionIcon>
                  <ActionIcon type="button" variant="subtle" color="red" size="sm" onClick={() => onDelete(role)} aria-label={`Delete role ${role.name}`}>
                    <IconTrash size={15} />
                  </ActionIcon>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
